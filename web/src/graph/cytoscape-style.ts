/** Cytoscape's stylesheet: colour and shape per node type (see components/labels.ts). */
import type { StylesheetJson } from 'cytoscape';
import { LABEL_STYLES } from '../components/labels';

export function graphStyle(large: boolean, edgeLabels: boolean): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': '#888',
        width: large ? 10 : 22,
        height: large ? 10 : 22,
        label: large ? '' : 'data(name)',
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '110px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.7,
        'text-background-padding': '1px',
        'border-width': 1,
        'border-color': '#ffffff',
        'min-zoomed-font-size': 7,
      },
    },
    ...Object.entries(LABEL_STYLES).map(([label, s]) => ({
      selector: `node[label = "${label}"]`,
      style: { 'background-color': s.colour, shape: s.shape as any },
    })),
    {
      selector: 'node[?root]',
      style: { 'border-width': 4, 'border-color': '#111111', width: large ? 18 : 32, height: large ? 18 : 32, 'font-weight': 'bold' },
    },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-style': 'double', 'border-color': '#111111' } },
    {
      selector: 'edge',
      style: {
        width: large ? 0.6 : 1.4,
        'line-color': '#9a9a9a',
        'curve-style': large ? 'haystack' : 'bezier',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'target-arrow-color': '#9a9a9a',
        'arrow-scale': 0.8,
        label: edgeLabels ? 'data(label)' : '',
        'font-size': 8,
        color: '#333',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
      },
    },
    { selector: 'node:selected', style: { 'overlay-color': '#000', 'overlay-opacity': 0.15, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'line-color': '#111', 'target-arrow-color': '#111', width: 3 } },
  ];
}
