/**
 * How each node type is drawn everywhere (graph, legend, badges): a colour AND a shape/glyph,
 * so colour is never the only carrier of the type. Colours are the Okabe–Ito palette (safe
 * for the common colour-vision deficiencies).
 */
import type { EntityLabel } from '../api/types';

export interface LabelStyle {
  colour: string;
  /** Cytoscape node shape. */
  shape: string;
  /** A text glyph of the same shape, for badges and the legend. */
  glyph: string;
}

export const LABEL_STYLES: Record<EntityLabel, LabelStyle> = {
  Actor: { colour: '#0072B2', shape: 'ellipse', glyph: '●' },
  Programme: { colour: '#E69F00', shape: 'round-rectangle', glyph: '▬' },
  Treaty: { colour: '#009E73', shape: 'diamond', glyph: '◆' },
  Norm: { colour: '#CC79A7', shape: 'triangle', glyph: '▲' },
  Instrument: { colour: '#D55E00', shape: 'hexagon', glyph: '⬢' },
  Event: { colour: '#56B4E9', shape: 'star', glyph: '★' },
  Topic: { colour: '#7A7A7A', shape: 'round-tag', glyph: '◗' },
};

export function labelStyle(label: string): LabelStyle {
  return LABEL_STYLES[label as EntityLabel] ?? { colour: '#444', shape: 'ellipse', glyph: '○' };
}

/** "PARTNER_IN" -> "partner in". */
export function relationshipName(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

/** "INTERNATIONAL_ORGANISATION" -> "international organisation". */
export function kindName(kind: string): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}
