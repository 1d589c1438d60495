/** Rankings by number of relationships: programmes by partners, actors by programmes. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';
import { isSeeded } from './support.js';

const MOST_CONNECTED = /* GraphQL */ `
  query MostConnected($labels: [EntityLabel!], $types: [RelationshipType!], $direction: Direction, $limit: Int) {
    mostConnected(labels: $labels, relationshipTypes: $types, direction: $direction, limit: $limit) {
      node { slug }
      degree
    }
  }
`;

describe('rankings', () => {
  const app = testApp();

  it('when programmes are ranked by partners, then EU Cyber Direct is first with the 9 partners the documents name', async () => {
    const { body } = await gql(app, MOST_CONNECTED, { labels: ['Programme'], types: ['PARTNER_IN'], direction: 'IN', limit: 100 });

    expect(body.errors).toBeUndefined();
    const ranked = body.data.mostConnected.filter((r: any) => isSeeded(r.node.slug)).map((r: any) => [r.node.slug, r.degree]);
    expect(ranked).toEqual([
      ['eu-cyber-direct', 9],
      ['glacy', 4],
      ['glacy-plus', 4],
      ['eunity', 1],
    ]);
    const degrees = body.data.mostConnected.map((r: any) => r.degree);
    expect(degrees).toEqual([...degrees].sort((a: number, b: number) => b - a));
  });

  it('when actors are ranked by programmes, then Japan and the four GLACY regions lead with two each', async () => {
    const { body } = await gql(app, MOST_CONNECTED, { labels: ['Actor'], types: ['PARTNER_IN'], direction: 'OUT', limit: 100 });

    const ranked = body.data.mostConnected.filter((r: any) => isSeeded(r.node.slug));
    expect(ranked.filter((r: any) => r.degree === 2).map((r: any) => r.node.slug)).toEqual([
      'africa',
      'asia-pacific',
      'caribbean',
      'japan',
      'latin-america',
    ]);
    expect(ranked.slice(0, 5).every((r: any) => r.degree === 2)).toBe(true);
    // Every partner of a programme is ranked: 6 + 4 + 3 + ... distinct actors, none with zero.
    expect(ranked).toHaveLength(13);
    expect(ranked.every((r: any) => r.degree >= 1)).toBe(true);
  });

  it('when the direction is reversed, then nothing points the other way', async () => {
    const { body } = await gql(app, MOST_CONNECTED, { labels: ['Programme'], types: ['PARTNER_IN'], direction: 'OUT' });

    expect(body.data.mostConnected.filter((r: any) => isSeeded(r.node.slug))).toEqual([]);
  });

  it('when the limit is above 100, then the error is BAD_USER_INPUT', async () => {
    const { body } = await gql(app, MOST_CONNECTED, { limit: 101 });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });
});
