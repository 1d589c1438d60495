/**
 * Reads a treaty status chart as it appears on a treaty office's page (the Council of Europe's
 * "Chart of signatures and ratifications", or a national treaty database's party table) and
 * turns it into seed entries: one SIGNED and/or RATIFIED relationship per state and row, each
 * citing the chart as its source with the chart's "status as of" date as `asOf`, and the row
 * itself (verbatim) as the excerpt. Pure functions; scripts/import-treaty-chart.ts does the I/O.
 *
 * The input is a small text file: a header of `key: value` lines, a line `rows:`, then the rows
 * as copied from the page. Header keys:
 *
 *   source     the source id to create (a slug)           treaty     the treaty's slug
 *   title      the source's title                          url        the page it came from
 *   publisher  who publishes the page                      asOf       the chart's status date (YYYY[-MM[-DD]])
 *   columns    `positional` (default: signature, ratification, entry into force, as the Council
 *              of Europe prints them), `marked` (a ratification date carries (R), (A), (T) or (S),
 *              as verdragen.nl prints them; dates before it are the signature, after it the entry
 *              into force) or `entryIntoForce` (the only date is the entry into force)
 *   coeMember  yes | no: the rows sit under the chart's "Member States of the Council of Europe"
 *   method     what a ratification is called when the row does not mark it (default ratification)
 *   language   the page's language (default en)
 *
 * A row is `Name date date ...` as printed (pipes and spaces between cells do not matter; the name
 * is what precedes the first date, dates are d/m/yyyy, dd-mm-yyyy or dd-mm-yy (read as 20yy),
 * optionally marked). A row whose
 * name is not English may be written `@English name: row as printed`; the printed row stays the
 * excerpt. Rows without any date are skipped (the state neither signed nor ratified yet).
 */

export interface ChartHeader {
  source: string;
  treaty: string;
  title: string;
  url: string;
  publisher: string;
  asOf: string;
  columns: 'positional' | 'marked' | 'entryIntoForce';
  coeMember?: 'yes' | 'no';
  method: string;
  language: string;
}

export interface ChartRow {
  line: number;
  name: string;
  excerpt: string;
  signature?: string;
  ratification?: string;
  entryIntoForce?: string;
  method?: string;
}

export interface Chart {
  header: ChartHeader;
  rows: ChartRow[];
}

export class ChartError extends Error {}

const DATES = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b(?:\s*\((R|A|T|S|Su|NK)\))?/g;
const MARK_METHOD: Record<string, string> = {
  R: 'ratification',
  A: 'accession',
  T: 'accession',
  S: 'definitive signature',
  Su: 'succession',
  NK: 'not known',
};

function isoDate(d: string, m: string, yy: string, line: number): string {
  // Two-digit years (the Tractatenblad prints dd-mm-yy) are of this century: no chart predates 2001.
  const y = yy.length === 2 ? `20${yy}` : yy;
  const day = Number(d);
  const month = Number(m);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new ChartError(`line ${line}: ${d}/${m}/${y} is not a date`);
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseChart(text: string): Chart {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim(); // i < length
    if (line === '' || line.startsWith('#')) continue;
    if (line === 'rows:') {
      i++;
      break;
    }
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!m) throw new ChartError(`line ${i + 1}: expected "key: value" or "rows:"`);
    header[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  const required = (key: string): string => {
    const value = header[key];
    if (!value) throw new ChartError(`header: "${key}" is missing`);
    return value;
  };
  for (const key of ['source', 'treaty', 'title', 'url', 'publisher', 'asOf']) required(key);
  const columns = (header.columns ?? 'positional') as ChartHeader['columns'];
  if (!['positional', 'marked', 'entryIntoForce'].includes(columns)) throw new ChartError(`header: unknown columns "${columns}"`);
  if (header.coeMember && !['yes', 'no'].includes(header.coeMember)) throw new ChartError('header: coeMember must be yes or no');
  const parsedHeader: ChartHeader = {
    source: required('source'),
    treaty: required('treaty'),
    title: required('title'),
    url: required('url'),
    publisher: required('publisher'),
    asOf: required('asOf'),
    columns,
    coeMember: header.coeMember as ChartHeader['coeMember'],
    method: header.method ?? 'ratification',
    language: header.language ?? 'en',
  };

  const rows: ChartRow[] = [];
  for (; i < lines.length; i++) {
    const raw = lines[i]!.trim(); // i < length
    if (raw === '' || raw.startsWith('#')) continue;
    const lineNo = i + 1;
    let english: string | undefined;
    let printed = raw;
    const alias = /^@([^:]+):\s*(.*)$/.exec(raw);
    if (alias) {
      english = alias[1]!.trim();
      printed = alias[2]!.trim();
    }
    // The name is what precedes the first date; every date after it is a cell of the row.
    const first = DATES.exec(printed);
    DATES.lastIndex = 0;
    const name = english ?? (first ? printed.slice(0, first.index) : printed).replace(/\|/g, ' ').trim();
    const dates: Array<{ iso: string; mark?: string }> = [];
    for (const m of printed.matchAll(DATES)) dates.push({ iso: isoDate(m[1]!, m[2]!, m[3]!, lineNo), mark: m[4] });
    if (dates.length === 0 || name === '') continue;
    const excerpt = printed
      .replace(/\s+/g, ' ')
      .replace(/^\|\s*/, '')
      .replace(/(\s*\|)+\s*$/, '')
      .trim();
    const row: ChartRow = { line: lineNo, name, excerpt };
    if (columns === 'positional') {
      [row.signature, row.ratification, row.entryIntoForce] = dates.map((d) => d.iso);
    } else if (columns === 'entryIntoForce') {
      row.entryIntoForce = dates[0]!.iso; // dates is not empty
    } else {
      const marked = dates.findIndex((d) => d.mark);
      if (marked === -1) {
        row.signature = dates[0]!.iso;
        row.entryIntoForce = dates[1]?.iso;
      } else {
        const ratified = dates[marked]!;
        if (marked > 0) row.signature = dates[0]!.iso;
        row.ratification = ratified.iso;
        row.method = MARK_METHOD[ratified.mark!];
        row.entryIntoForce = dates[marked + 1]?.iso;
      }
    }
    rows.push(row);
  }
  return { header: parsedHeader, rows };
}

/** Spellings treaty offices use for states the seed already knows under another name. */
export const STATE_SYNONYMS: Record<string, string> = {
  usa: 'United States',
  'united states of america': 'United States',
  'russian federation': 'Russia',
  'netherlands, the kingdom of the': 'Netherlands',
  'czech republic': 'Czechia',
  turkey: 'Türkiye',
  macedonia: 'North Macedonia',
  'the former yugoslav republic of macedonia': 'North Macedonia',
  'cape verde': 'Cabo Verde',
  'republic of moldova': 'Moldova',
};

export const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface StateIndex {
  /** lower-cased name or alias -> slug */
  byName: Map<string, string>;
}

export function resolveState(index: StateIndex, name: string): { slug: string; name: string; known: boolean } {
  const canonical = STATE_SYNONYMS[name.toLowerCase()] ?? name;
  const known = index.byName.get(canonical.toLowerCase()) ?? index.byName.get(name.toLowerCase());
  if (known) return { slug: known, name: canonical, known: true };
  return { slug: slugOf(canonical), name: canonical, known: false };
}

export interface ChartEntries {
  source: Record<string, unknown>;
  relationships: Array<Record<string, unknown>>;
  newStates: Array<{ id: string; name: string }>;
}

/** The seed entries for a chart: its source, one edge per status a row shows, states not yet known. */
export function chartEntries(chart: Chart, index: StateIndex): ChartEntries {
  const { header } = chart;
  const source = {
    id: header.source,
    kind: 'reference',
    language: header.language,
    publisher: header.publisher,
    title: header.title,
    url: header.url,
    published: header.asOf,
  };
  const relationships: Array<Record<string, unknown>> = [];
  const newStates = new Map<string, string>();
  for (const row of chart.rows) {
    const state = resolveState(index, row.name);
    if (!state.known) newStates.set(state.slug, state.name);
    const member = header.coeMember ? { coeMember: header.coeMember } : {};
    const evidence = { source: header.source, excerpt: row.excerpt, asOf: header.asOf };
    if (row.signature) {
      relationships.push({
        type: 'SIGNED',
        from: state.slug,
        to: header.treaty,
        properties: { date: row.signature, ...member },
        ...evidence,
      });
    }
    if (row.ratification || row.entryIntoForce) {
      const properties: Record<string, string> = {};
      if (row.ratification) {
        properties.date = row.ratification;
        properties.method = row.method ?? header.method;
      }
      if (row.entryIntoForce) properties.entryIntoForce = row.entryIntoForce;
      relationships.push({ type: 'RATIFIED', from: state.slug, to: header.treaty, properties: { ...properties, ...member }, ...evidence });
    }
  }
  return { source, relationships, newStates: [...newStates].map(([id, name]) => ({ id, name })) };
}
