/** Imports every module's types, then builds the schema. */
import { builder } from './builder.js';
import './modules/graph/graph.types.js';

export const schema = builder.toSchema({ sortSchema: true });
