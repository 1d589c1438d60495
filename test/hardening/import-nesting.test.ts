/**
 * Every way a YAML (or JSON) bundle can nest is measured before the parser sees it: brackets,
 * indentation, compact block indicators and aliases. A bundle nested without bound is a coded
 * 422 (IMPORT_UNREADABLE) naming why; an ordinary bundle is still read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/auth.js';
import { testApp, testRunner, uniquePrefix } from '../helpers.js';

const KEY = 'nesting-curator-key-0123456789';
const API_KEYS = [{ name: 'curator', sha256: sha256Hex(KEY), scopes: ['curator' as const] }];
const prefix = uniquePrefix('nesting');

afterAll(async () => {
  await testRunner().write('Test.cleanNesting', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
});

describe('a bundle that nests without bound', () => {
  const app = testApp({ API_KEYS });
  const post = (body: string, type = 'application/yaml') =>
    app.fetch('http://test/import?name=deep.yaml', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': type },
      body,
    });
  const refusedForNesting = async (body: string, reason: RegExp) => {
    const response = await post(body);
    expect(response.status).toBe(422);
    const answer = await response.json();
    expect(answer.errors[0].extensions.code).toBe('IMPORT_UNREADABLE');
    expect(answer.errors[0].message).toMatch(reason);
  };

  it('when a YAML bundle nests maps by indentation thousands deep, then 422 before parsing', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    await refusedForNesting(`actors:\n${lines.join('\n')} x\n`, /indented .* more than 128/);
  });

  it('when a YAML bundle nests sequences on one line (- - - ...), then 422 before parsing', async () => {
    await refusedForNesting(`actors:\n${'- '.repeat(100_000)}x\n`, /indented .* more than 128/);
  });

  it('when a YAML bundle nests explicit keys (? ? ? ...), then 422 before parsing', async () => {
    await refusedForNesting(`${'? '.repeat(50_000)}x\n`, /indented .* more than 128/);
  });

  it('when brackets hide behind an apostrophe in a plain scalar, then they are still counted', async () => {
    // A scan that takes every ' for a quote would skip the brackets after "don't".
    await refusedForNesting(`actors:\n- name: don't\n- ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`, /nest more than 64/);
  });

  it('when a bundle chains thousands of aliases (each anchor holding the previous one), then 422', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `a${i}: &a${i} [${i ? `*a${i - 1}` : 'x'}]`);
    await refusedForNesting(lines.join('\n'), /more than 1000 aliases/);
  });

  it('when an ordinary YAML bundle has brackets inside quoted strings, then it is read and loaded', async () => {
    const slug = `${prefix}-ok`;
    const response = await post(
      [
        'actors:',
        `  - id: ${slug}`,
        `    name: "Brackets [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ in a name"`,
        '    kind: state',
        '    aliases: [one, two]',
      ].join('\n'),
    );
    const body = await response.json();
    expect(JSON.stringify(body)).not.toMatch(/nest/);
    expect(response.status, JSON.stringify(body)).toBe(200);
  });
});
