/** The graph fingerprint: canonical (order does not matter), sensitive (any value does), scoped. */
import { afterAll, describe, expect, it } from 'vitest';
import { graphFingerprint } from '../fingerprint.js';
import { testRunner, uniquePrefix } from '../helpers.js';

const cypher = testRunner();
const prefix = uniquePrefix('fingerprint');
const a = `${prefix}-a`;
const b = `${prefix}-b`;
const scope = { nodeIds: [a, b] };

async function reset() {
  await cypher.write('Test.fingerprintReset', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
}

afterAll(reset);

describe('graphFingerprint', () => {
  it('when the same data is written in another order, then the fingerprint is the same; when one value changes, it differs', async () => {
    await reset();
    await cypher.write(
      'Test.fingerprintWriteA',
      `CREATE (x:Entity:FingerprintProbe {id: $a, name: 'x', aliases: ['p', 'q']})
       CREATE (y:FingerprintProbe:Entity {id: $b, kind: 'k', name: 'y'})
       CREATE (x)-[:PROBES {source: 's', excerpt: 'e', role: 'r'}]->(y)`,
      { a, b },
    );
    const first = await graphFingerprint(cypher, scope);
    expect(first).toMatch(/^[0-9a-f]{64}$/);

    await reset();
    await cypher.write(
      'Test.fingerprintWriteB',
      `CREATE (y:Entity {name: 'y', id: $b}) SET y:FingerprintProbe, y.kind = 'k'
       CREATE (x:FingerprintProbe:Entity {aliases: ['p', 'q'], name: 'x', id: $a})
       CREATE (x)-[:PROBES {role: 'r', excerpt: 'e', source: 's'}]->(y)`,
      { a, b },
    );
    expect(await graphFingerprint(cypher, scope)).toBe(first);

    await cypher.write('Test.fingerprintChangeRel', `MATCH (:Entity {id: $a})-[r:PROBES]->() SET r.role = 'other'`, { a });
    const changedRelationship = await graphFingerprint(cypher, scope);
    expect(changedRelationship).not.toBe(first);

    await cypher.write('Test.fingerprintChangeBack', `MATCH (:Entity {id: $a})-[r:PROBES]->() SET r.role = 'r'`, { a });
    expect(await graphFingerprint(cypher, scope)).toBe(first);
    await cypher.write('Test.fingerprintChangeList', `MATCH (x:Entity {id: $a}) SET x.aliases = ['q', 'p']`, { a });
    expect(await graphFingerprint(cypher, scope)).not.toBe(first);
  });

  it('when a relationship leaves the scope at one end, then it does not count; a label change does', async () => {
    await reset();
    await cypher.write('Test.fingerprintWriteC', 'CREATE (:Entity {id: $a}), (:Entity {id: $b})', { a, b });
    const onlyA = { nodeIds: [a] };
    const before = await graphFingerprint(cypher, onlyA);
    const bothBefore = await graphFingerprint(cypher, scope);
    await cypher.write(
      'Test.fingerprintLink',
      `MATCH (x:Entity {id: $a}), (y:Entity {id: $b}) CREATE (x)-[:PROBES {source: 's', excerpt: 'e'}]->(y)`,
      { a, b },
    );
    expect(await graphFingerprint(cypher, onlyA)).toBe(before);
    expect(await graphFingerprint(cypher, scope)).not.toBe(bothBefore);
    await cypher.write('Test.fingerprintLabel', 'MATCH (x:Entity {id: $a}) SET x:FingerprintProbe', { a });
    expect(await graphFingerprint(cypher, onlyA)).not.toBe(before);
  });
});
