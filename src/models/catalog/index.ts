export type { UsageCost } from './cost.js';
export { callCost, costOf } from './cost.js';
export type {
  CatalogOptions,
  CatalogRefreshReport,
  ModelCatalog,
  ModelDeprecationWarning,
  ResolvedModel,
} from './create-catalog.js';
export { createCatalog } from './create-catalog.js';
export { lookupModel } from './lookup-model.js';
export type { ModelPrice, PriceTable } from './prices.js';
export { CACHED_INPUT_RATE, DEFAULT_PRICES } from './prices.js';
export { DEFAULT_CONTEXT_WINDOW, STATIC_MODELS } from './static-models.js';
export type { ModelInfo, ModelInfoSource, ModelStatus, ModelTokenizer } from './types.js';
