import { describe, expect, it } from 'vitest';
import { locateExcerpt, segment, type Mark } from './highlight';

const text = 'Kemitraan: EUNITY bersama Jepang, EU Cyber Direct dengan Brazil,\nChina, India, Japan.';

describe('the source reader finds excerpts in the document', () => {
  it('finds an exact excerpt', () => {
    const span = locateExcerpt(text, 'EUNITY bersama Jepang');
    expect(text.slice(span!.start, span!.end)).toBe('EUNITY bersama Jepang');
  });

  it('finds an excerpt across a line break and with different case', () => {
    const span = locateExcerpt(text, 'eu cyber direct dengan Brazil, China, India, Japan');
    expect(text.slice(span!.start, span!.end)).toBe('EU Cyber Direct dengan Brazil,\nChina, India, Japan');
  });

  it('answers null for an excerpt the document does not contain', () => {
    expect(locateExcerpt(text, 'Budapest Convention')).toBeNull();
  });
});

describe('the text is cut into segments carrying their marks', () => {
  it('splits overlapping marks into pieces covered by one or both', () => {
    const marks: Mark[] = [
      { start: 11, end: 32, kind: 'excerpt', focus: true, id: 'f1', title: 'partner in' },
      { start: 26, end: 32, kind: 'mention', focus: true, id: 'm1', title: 'Japan' },
    ];
    const parts = segment(text, marks);
    expect(parts.map((p) => [p.text, p.marks.map((m) => m.id)])).toEqual([
      ['Kemitraan: ', []],
      ['EUNITY bersama ', ['f1']],
      ['Jepang', ['f1', 'm1']],
      [text.slice(32), []],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('ignores marks outside the text', () => {
    expect(segment('abc', [{ start: 2, end: 9, kind: 'mention', focus: false, id: 'x', title: '' }])).toEqual([
      { text: 'abc', start: 0, marks: [] },
    ]);
  });
});
