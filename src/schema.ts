/** Imports every module's types, then builds the schema. */
import { builder } from './builder.js';
import './modules/common/common.types.js';
import './modules/entity/entity.types.js';
import './modules/treaty/treaty.types.js';
import './modules/source/source.types.js';
import './modules/search/search.types.js';
import './modules/analytics/paths.types.js';
import './modules/analytics/neighbourhood.types.js';
import './modules/analytics/compare.types.js';
import './modules/analytics/rankings.types.js';
import './modules/analytics/dashboard.types.js';
import './modules/graph/graph.types.js';
import './modules/curation/curation.types.js';

export const schema = builder.toSchema({ sortSchema: true });
