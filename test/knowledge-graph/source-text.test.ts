/**
 * The documents ship with the product: the curated seed loads their cleaned text, a client reads
 * it on `Source.text`, and mention offsets and excerpt spans point into exactly that text.
 */
import { describe, expect, it } from 'vitest';
import { MentionMatcher } from '../../src/modules/ingest/matcher.js';
import { locateExcerpt } from '../../src/modules/source/excerpt-span.js';
import { gql, testApp } from '../helpers.js';
import { DOCUMENT_FILES, cleanedDocument } from './seed-documents.js';

const app = testApp();

describe('the text of a document', () => {
  it('when a client reads doc-000, then its text is the cleaned document and its mentions slice that text', async () => {
    const { body } = await gql(
      app,
      `{ source(slug: "doc-000") { kind text mentions(first: 100) { edges { start end matched node { slug } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const source = body.data.source;
    expect(source.text).toBe(await cleanedDocument('doc-000'));
    expect(source.mentions.edges.length).toBeGreaterThan(20);
    for (const edge of source.mentions.edges) expect(source.text.slice(edge.start, edge.end)).toBe(edge.matched);
    expect(source.mentions.edges.map((e: any) => e.node.slug)).toContain('eunity');
  });

  it('when every document is read, then each has text and mentions, and a reference has no text', async () => {
    const { body } = await gql(
      app,
      `{
      sources(first: 100) { nodes { slug kind text mentions(first: 1) { edges { start } } } }
    }`,
    );
    expect(body.errors).toBeUndefined();
    const bySlug = Object.fromEntries(body.data.sources.nodes.map((s: any) => [s.slug, s]));
    for (const id of Object.keys(DOCUMENT_FILES)) {
      expect(bySlug[id].text, id).toEqual(expect.any(String));
      expect(bySlug[id].mentions.edges.length, id).toBe(1);
    }
    expect(bySlug['coe-treaty-office-185']).toMatchObject({ kind: 'REFERENCE', text: null });
  });
});

describe('where an excerpt sits in its source', () => {
  it('when EUNITY’s partners are read with evidence, then each excerpt span slices the source text to the excerpt', async () => {
    const { body } = await gql(
      app,
      `{
      programme(slug: "eunity") { partners(first: 20) { edges { evidence { excerpt excerptSpan { start end } source { slug text } } } } }
    }`,
    );
    expect(body.errors).toBeUndefined();
    const evidence = body.data.programme.partners.edges.map((e: any) => e.evidence);
    const fromDocuments = evidence.filter((e: any) => e.source.text !== null);
    expect(fromDocuments.length).toBeGreaterThan(0);
    for (const e of fromDocuments) {
      expect(e.excerptSpan, e.excerpt).not.toBeNull();
      expect(e.source.text.slice(e.excerptSpan.start, e.excerptSpan.end)).toBe(e.excerpt);
    }
  });

  it('when evidence cites a reference, then its excerpt has no span', async () => {
    const { body } = await gql(
      app,
      `{ treaty(slug: "budapest-convention") { facts { evidence { sourceSlug excerptSpan { start } source { kind } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const references = body.data.treaty.facts.map((f: any) => f.evidence).filter((e: any) => e.source.kind === 'REFERENCE');
    expect(references.length).toBeGreaterThan(0);
    for (const e of references) expect(e.excerptSpan).toBeNull();
  });

  it('when the excerpt’s white space differs from the text’s (a line break), then it is still located word for word', () => {
    const text = 'First line.\nThe EU adopted\nits sanctions regime in 2019.';
    expect(locateExcerpt(text, 'The EU adopted its sanctions regime')).toEqual({ start: 12, end: 47 });
    expect(locateExcerpt(text, 'not in the text')).toBeNull();
  });
});

describe('ingest and nodes without a name', () => {
  it('when a node has no name (or a null alias), then the matcher skips it and finds the others by name and alias', () => {
    const matcher = new MentionMatcher([
      { id: 'nameless', name: null, aliases: null },
      { id: 'alias-only', name: null, aliases: [null, 'Jepang'] },
      { id: 'eu', name: 'European Union', aliases: ['EU'] },
    ]);
    expect(matcher.find('The EU and Jepang.').map((m) => m.nodeId)).toEqual(['eu', 'alias-only']);
  });
});
