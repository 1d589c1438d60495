/**
 * The fast way to read a JSON bundle. The YAML parser reads JSON too, with line numbers, but
 * takes about a second for a 10,000-entry bundle that `JSON.parse` reads in 10 ms. So a bundle
 * that is an object in JSON is first scanned once (outside strings: how deep it nests, how many
 * keys it writes, its top-level keys and the line each list entry starts on), then parsed by
 * `JSON.parse`. Anything the scan and the parse do not agree on, or that is not JSON, is left
 * to the YAML reader, which names the problem and its line as before.
 */

/** What one linear pass over a JSON object's text found, outside strings. */
export interface JsonScan {
  /** Deepest nesting of [ and {. */
  depth: number;
  /** Key-value pairs written (each `:` outside a string), to catch repeated keys JSON.parse would merge. */
  pairs: number;
  /** The top-level keys in the order written, each with its line and, for a list, the line each entry starts on. */
  keys: Array<{ name: string; line: number; entryLines: number[] }>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const COLON = 0x3a;
const COMMA = 0x2c;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === NEWLINE;

/** Scans text that starts (after white space) with `{`; null for any other text. */
export function scanJson(text: string): JsonScan | null {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x7b) return null;
  const scan: JsonScan = { depth: 0, pairs: 0, keys: [] };
  const open: number[] = []; // the brackets around the position
  let line = 1;
  let lastString: { start: number; end: number; line: number } | null = null;
  let entryExpected = false; // at the start of an entry of a top-level list
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (isSpace(c)) continue;
    if (entryExpected && c !== 0x5d) {
      scan.keys.at(-1)?.entryLines.push(line);
      entryExpected = false;
    }
    if (c === QUOTE) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
        else if (text.charCodeAt(i) === NEWLINE) line++;
      }
      lastString = { start, end: i + 1, line };
    } else if (c === COLON) {
      scan.pairs++;
      if (open.length === 1 && lastString) {
        let name: unknown;
        try {
          name = JSON.parse(text.slice(lastString.start, lastString.end));
        } catch {
          return null;
        }
        scan.keys.push({ name: String(name), line: lastString.line, entryLines: [] });
      }
    } else if (c === 0x7b || c === 0x5b) {
      open.push(c);
      scan.depth = Math.max(scan.depth, open.length);
      entryExpected = c === 0x5b && open.length === 2 && open[0] === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
    } else if (c === COMMA) {
      entryExpected = open.length === 2 && open[1] === 0x5b;
    }
  }
  return scan;
}

/** Counts the keys of every object in a parsed value (iteratively: no recursion depth to exhaust). */
export function countKeys(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) stack.push(...item);
    else {
      const own = Object.keys(item);
      keys += own.length;
      for (const key of own) stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return keys;
}

/**
 * A JSON bundle's top-level object with each list's entries and lines, when the text is JSON
 * and every key is written once; null otherwise (the YAML reader takes it from there).
 */
export function readJsonObject(text: string, scan: JsonScan): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  // A repeated key: JSON.parse keeps the last, the YAML reader refuses it with its line.
  if (countKeys(value) !== scan.pairs) return null;
  return value as Record<string, unknown>;
}
