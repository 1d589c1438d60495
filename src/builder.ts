/** The one Pothos SchemaBuilder: context, scalars and plugins. Defines no domain types. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';
import { ClientError, ErrorCode } from './errors.js';

/** Global ids are base64("Type:slug"); anything else is a client error with code INVALID_ID. */
function decodeGlobalIdOrFail(globalID: string): { typename: string; id: string } {
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  const roundTrips = Buffer.from(text, 'utf8').toString('base64') === globalID;
  if (colon <= 0 || !id || !/^[A-Z][A-Za-z]*$/.test(typename) || !roundTrips) {
    throw new ClientError(ErrorCode.INVALID_ID, `"${globalID.slice(0, 100)}" is not a global id issued by this API.`, { id: globalID.slice(0, 100) });
  }
  return { typename, id };
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    PartialDate: { Input: string; Output: string };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${id}`, 'utf8').toString('base64'),
    decodeGlobalID: decodeGlobalIdOrFail,
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
  },
  errors: {
    defaultTypes: [],
  },
});

builder.queryType({ description: 'Questions about the cyber-diplomacy knowledge graph.' });
