import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV downloads', () => {
  it('quotes cells with commas, quotes and line breaks, and leaves empty cells empty', () => {
    const csv = toCsv(
      ['name', 'count'],
      [
        ['EU Cyber Direct, Japan', 9],
        ['say "hi"', null],
        ['two\nlines', 0],
      ],
    );
    expect(csv).toBe('name,count\r\n"EU Cyber Direct, Japan",9\r\n"say ""hi""",\r\n"two\nlines",0\r\n');
  });
});
