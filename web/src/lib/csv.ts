/** RFC 4180 CSV from rows of plain values (the dashboard's downloads), written by csv-stringify. */
import { stringify } from 'csv-stringify/sync';

export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  // CRLF line ends; a field with a comma, a quote or any line break is quoted, as the server's CSV export.
  return stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { number: String } });
}
