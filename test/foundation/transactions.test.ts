/**
 * Write transactions with statements sent without waiting (TxRunner.send): they share the next
 * round trip, yet a failure among them fails the whole transaction with its own error (not the
 * "transaction already failed" that the statements after it get) and leaves nothing written.
 */
import { Neo4jError } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { testRunner, uniquePrefix } from '../helpers.js';

const cypher = testRunner();
const prefix = uniquePrefix('tx-send');
const existing = `${prefix}-existing`;
const CREATE = 'CREATE (:Entity:Actor {id: $id, name: $id, aliases: [], kind: "state", searchNames: $id})';
const CONSTRAINT = 'Neo.ClientError.Schema.ConstraintValidationFailed';

const idsWritten = async () =>
  (
    await cypher.read<{ id: string }>('Test.txSendIds', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id ORDER BY id', {
      prefix,
    })
  ).map((r) => r.id);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the transaction committed');
    },
    (error: unknown) => error,
  );

describe('statements sent without waiting, in a write transaction', () => {
  afterAll(async () => {
    await cypher.writeTransaction('Test.txSendCleanup', (tx) =>
      tx.run('Test.txSendCleanup', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix }),
    );
  });

  it('when sent statements succeed, then they run in the order sent, before the statement awaited after them', async () => {
    const order = await cypher.writeTransaction('Test.txSendOrder', async (tx) => {
      tx.send('Test.txSendCreate', CREATE, { id: existing });
      tx.send('Test.txSendSet', 'MATCH (n:Entity {id: $id}) SET n.steps = coalesce(n.steps, []) + "second"', { id: existing });
      const [row] = await tx.run<{ steps: string[] }>('Test.txSendRead', 'MATCH (n:Entity {id: $id}) RETURN n.steps AS steps', {
        id: existing,
      });
      return row?.steps;
    });
    expect(order).toEqual(['second']);
    expect(await idsWritten()).toEqual([existing]);
  });

  it('when a sent statement fails, then the statement awaited after it throws the sent one’s error, and nothing is written', async () => {
    const error = await failure(
      cypher.writeTransaction('Test.txSendFailsFirst', async (tx) => {
        await tx.run('Test.txSendCreate', CREATE, { id: `${prefix}-a` });
        tx.send('Test.txSendDuplicate', CREATE, { id: existing });
        await tx.run('Test.txSendAfter', 'RETURN 1 AS one');
      }),
    );
    expect(error).toBeInstanceOf(Neo4jError);
    expect((error as Neo4jError).code).toBe(CONSTRAINT);
    expect(await idsWritten()).toEqual([existing]);
  });

  it('when the last statement is sent and fails, then the commit does not happen and the error is that statement’s', async () => {
    const error = await failure(
      cypher.writeTransaction('Test.txSendFailsLast', async (tx) => {
        await tx.run('Test.txSendCreate', CREATE, { id: `${prefix}-b` });
        tx.send('Test.txSendDuplicate', CREATE, { id: existing });
        return 'done';
      }),
    );
    expect((error as Neo4jError).code).toBe(CONSTRAINT);
    expect(await idsWritten()).toEqual([existing]);
  });
});
