/**
 * How deeply a bundle nests, measured on the YAML lexer's tokens before anything is parsed.
 * Parsing a document nested thousands deep exhausts the parser (seen: a V8 fatal out-of-memory,
 * which no worker limit contains), so the worker refuses such a bundle first.
 *
 * The lexer reads the text as the parser will (quotes, comments and block scalars included), in
 * one linear pass without recursion. Three ways to nest are bounded:
 *   - flow collections (`[`, `{`, which is all of JSON): their depth;
 *   - block collections (indentation, `- - - x`, `? `, `key:`): a block node can only nest
 *     inside one that starts to its left or on an earlier indicator of its line, so its depth
 *     is at most about twice its line's leading indentation plus indicators;
 *   - aliases (`*a`, where `&a` may itself hold an alias): their number.
 */
import { CST, Lexer } from 'yaml';

export interface NestingLimits {
  /** Deepest flow nesting ([ and {). */
  maxFlowDepth: number;
  /** Widest block indentation: leading spaces plus block indicators on one line. */
  maxBlockIndent: number;
  /** Most aliases. */
  maxAliases: number;
}

export const NESTING_LIMITS: NestingLimits = { maxFlowDepth: 64, maxBlockIndent: 128, maxAliases: 1_000 };

/** Why a JSON bundle nesting `depth` deep (its scan, import-json.ts) nests too deeply, or null. */
export function jsonNestingProblem(depth: number, limits: NestingLimits = NESTING_LIMITS): string | null {
  return depth > limits.maxFlowDepth ? `lists or maps nest more than ${limits.maxFlowDepth} deep` : null;
}

/** Why a bundle nests too deeply, or null when it does not. */
export function excessiveNesting(text: string, limits: NestingLimits = NESTING_LIMITS): string | null {
  let flow = 0;
  let indent = 0;
  let atLineStart = true;
  let aliases = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    switch (type) {
      case 'newline':
        atLineStart = true;
        indent = 0;
        break;
      case 'space':
        if (atLineStart) indent += token.length;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        // Indicators only widen the line's block indentation before its content starts.
        if (atLineStart && flow === 0) indent += 1;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        atLineStart = false;
        if (++flow > limits.maxFlowDepth) return `lists or maps nest more than ${limits.maxFlowDepth} deep`;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        atLineStart = false;
        flow = Math.max(0, flow - 1);
        break;
      case 'alias':
        atLineStart = false;
        if (++aliases > limits.maxAliases) return `it uses more than ${limits.maxAliases} aliases`;
        break;
      case 'doc-mode':
      case 'byte-order-mark':
      case 'doc-start':
      case 'comment':
      case 'anchor':
      case 'tag':
        break;
      default:
        atLineStart = false;
    }
    if (indent > limits.maxBlockIndent) return `a line is indented (spaces and block indicators) more than ${limits.maxBlockIndent} deep`;
  }
  return null;
}
