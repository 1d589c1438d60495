/**
 * Parses and validates an import's text off the main thread (see import-parser.ts): reading a
 * large YAML/JSON bundle takes seconds of CPU, which must not stall every other request.
 */
import { parentPort } from 'node:worker_threads';
import { parseBundle, parseRelationshipsCsv } from './import-formats.js';
import { scanJson } from './import-json.js';
import { excessiveNesting, jsonNestingProblem } from './import-nesting.js';

export interface ParseJob {
  id: number;
  format: 'bundle' | 'csv';
  name: string;
  text: string;
  maxEntries: number;
}

parentPort?.on('message', (job: ParseJob) => {
  try {
    // Measured before any parser sees the text: on the JSON scan for plain JSON, else on the
    // YAML lexer's tokens (import-nesting.ts).
    const scan = job.format === 'bundle' ? scanJson(job.text) : null;
    const tooDeep = job.format !== 'bundle' ? null : scan ? jsonNestingProblem(scan.depth) : excessiveNesting(job.text);
    if (tooDeep) {
      parentPort!.postMessage({ id: job.id, ok: false, message: `it nests too deeply: ${tooDeep}` });
      return;
    }
    const result =
      job.format === 'csv'
        ? parseRelationshipsCsv(job.name, job.text, job.maxEntries)
        : parseBundle(job.name, job.text, job.maxEntries, scan);
    parentPort!.postMessage({ id: job.id, ok: true, result });
  } catch (error) {
    // E.g. a document nested so deeply that the parser's stack runs out.
    parentPort!.postMessage({ id: job.id, ok: false, message: String((error as Error)?.message ?? error).slice(0, 300) });
  }
});
