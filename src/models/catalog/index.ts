export type {
  CatalogOptions,
  CatalogRefreshReport,
  ModelCatalog,
  ModelDeprecationWarning,
  ResolvedModel,
} from './create-catalog.js';
export { createCatalog } from './create-catalog.js';
export { indexModels, lookupModel } from './lookup-model.js';
export { mergeRemoteModel, UNKNOWN_CAPABILITIES } from './merge-remote.js';
export { DEFAULT_CONTEXT_WINDOW, STATIC_MODELS } from './static-models.js';
export type { ModelInfo, ModelInfoSource, ModelStatus, ModelTokenizer } from './types.js';
