import { STATIC_MODELS } from './static-models.js';
import type { ModelInfo } from './types.js';

/** Builds an id-and-alias index over a list of models. Later entries win on a clash. */
export function indexModels(models: Iterable<ModelInfo>): Map<string, ModelInfo> {
  const index = new Map<string, ModelInfo>();
  for (const model of models) {
    for (const alias of model.aliases) index.set(alias, model);
  }
  // Canonical ids are set last so an id always finds its own entry, even if another model lists it as alias.
  for (const model of models) index.set(model.id, model);
  return index;
}

// Read-only after module load: a frozen view of the static table, not mutable state.
const STATIC_INDEX: ReadonlyMap<string, ModelInfo> = indexModels(STATIC_MODELS);

/**
 * Looks up a model in dragoman's static table by id or alias (`mistral-small-latest` finds
 * `mistral-small-2603`). Returns `undefined` for ids the table does not know. Does not follow
 * retirements: use a catalog's `resolve()` for that.
 * @example lookupModel('codestral-latest')?.contextWindow // 131072
 */
export function lookupModel(id: string): ModelInfo | undefined {
  return STATIC_INDEX.get(id);
}
