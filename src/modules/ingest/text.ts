/**
 * Turning raw web text into clean text: encoding repair and language detection.
 * The documents this service reads are copied from web pages and carry mojibake: UTF-8 read as
 * Latin-1 ("â€™" for "’") and the remains of non-breaking spaces ("Â" before a space).
 */
import type { Language } from '../../domain/model.js';

export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
}

/** Decodes bytes as UTF-8 text, refusing binary files and empty ones. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new UnreadableDocumentError('the file is empty');
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new UnreadableDocumentError('the file is binary (it contains NUL bytes), not plain text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: read it as Latin-1 (Windows-1252 look-alike), the usual legacy encoding.
    text = new TextDecoder('latin1').decode(bytes);
  }
  const controls = text.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > text.length * 0.01) throw new UnreadableDocumentError('the file looks binary (many control characters), not plain text');
  if (text.trim().length === 0) throw new UnreadableDocumentError('the file has no text (only white space)');
  return text;
}

/**
 * Runs of characters in U+0080..U+00FF that are really UTF-8 bytes decoded as Latin-1 or
 * Windows-1252. Each run is re-decoded only if its bytes form valid UTF-8.
 */
const CP1252_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
const MOJIBAKE_RUN = /[\u00C2-\u00F4][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/g;

function repairDoubleEncoding(text: string): string {
  return text.replace(MOJIBAKE_RUN, (run) => {
    const bytes = Uint8Array.from([...run].map((ch) => CP1252_EXTRAS[ch] ?? ch.charCodeAt(0)));
    try {
      const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return decoded.length === 1 || decoded.length === 2 ? decoded : run;
    } catch {
      return run;
    }
  });
}

/** Clean text: mojibake repaired, stray "Â" removed, non-breaking spaces made plain, NFC. */
export function cleanText(raw: string): string {
  return (
    repairDoubleEncoding(raw.replace(/^\uFEFF/, ''))
      // "”" is E2 80 9D; Windows-1252 has no character for 9D, so copies often lost that byte.
      .replace(/â€(?=[\s.,;:!?)]|$)/g, '”')
      .replace(/\r\n?/g, '\n')
      // What is left of a non-breaking space whose second byte was lost: "Â" before white space.
      .replace(/\u00C2(?=[\s\u00A0]|$)/g, '')
      .replace(/\u00A0/g, ' ')
      .normalize('NFC')
  );
}

const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    'the and of to in is that for with as are on by this be from its it or an at which have has was were their not but can also such these into how more who will'.split(
      ' ',
    ),
  ),
  id: new Set(
    'yang dan di untuk dengan dalam ini itu tidak dari pada adalah juga akan oleh karena sebagai telah dapat mereka atau ke bagi seperti para serta lebih sudah bahwa secara tersebut antara melalui hal kami kita saya'.split(
      ' ',
    ),
  ),
};

export interface LanguageGuess {
  language: Language | null;
  /** Share of words that are stop words of each language. */
  scores: Record<Language, number>;
  words: number;
}

/**
 * English or Indonesian by the share of each language's stop words. Returns null when the text
 * is too short, or neither language clearly wins (another language, or a mixture).
 */
export function detectLanguage(text: string): LanguageGuess {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = { en: 0, id: 0 } as Record<Language, number>;
  for (const word of words) {
    if (STOPWORDS.en.has(word)) scores.en++;
    if (STOPWORDS.id.has(word)) scores.id++;
  }
  if (words.length > 0) {
    scores.en /= words.length;
    scores.id /= words.length;
  }
  const [best, other] = scores.en >= scores.id ? (['en', 'id'] as const) : (['id', 'en'] as const);
  const clear = words.length >= 15 && scores[best] >= 0.08 && scores[best] >= 1.5 * scores[other];
  return { language: clear ? best : null, scores, words: words.length };
}
