export type {
  CatalogOptions,
  CatalogRefreshReport,
  ModelCatalog,
  ModelDeprecationWarning,
  ResolvedModel,
} from './create-catalog.js';
export { createCatalog } from './create-catalog.js';
export { lookupModel } from './lookup-model.js';
export { DEFAULT_CONTEXT_WINDOW, STATIC_MODELS } from './static-models.js';
export type { ModelInfo, ModelInfoSource, ModelStatus, ModelTokenizer } from './types.js';
