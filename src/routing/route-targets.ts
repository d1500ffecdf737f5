import { UserInputError } from '../errors.js';
import { DEFAULT_CONTEXT_WINDOW, type ModelCatalog } from '../models/catalog/index.js';
import type { Model, ModelCapabilities } from '../models/types.js';
import type { RouteModelFacts } from './decide-route.js';
import type { ModelSubstitution, RouteName } from './types.js';

/** A route's model with overrides, for models the catalog does not describe (a local server's model). */
export interface RouteTargetOptions {
  /** A model id (made by the router's provider) or a ready {@link Model} (any endpoint). */
  model: string | Model;
  /** Context window in tokens; wins over the catalog. */
  contextWindow?: number;
  /** What the model can do; wins over the catalog, field by field. */
  capabilities?: Partial<ModelCapabilities>;
}

/** Where a route goes: a model id, a {@link Model} instance (another endpoint), or both with overrides. */
export type RouteTarget = string | Model | RouteTargetOptions;

/** The default routes: Saba lineage, Codestral, Small lineage (see docs/routing.md). */
export const DEFAULT_ROUTES = {
  arabic: 'mistral-saba-latest',
  code: 'codestral-latest',
  general: 'mistral-small-latest',
} as const satisfies Record<string, string>;

/** A route target after resolving ids through the catalog. */
export interface ResolvedTarget extends RouteModelFacts {
  /** The instance to call, when the route was given one. */
  instance?: Model;
  contextWindow: number;
  substitution?: ModelSubstitution;
}

function isModel(value: unknown): value is Model {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Model).generate === 'function' &&
    typeof (value as Model).id === 'string'
  );
}

/** Checks one configured target; throws a {@link UserInputError} naming the route when it is unusable. */
export function normalizeTarget(route: RouteName, target: unknown): RouteTargetOptions {
  if (typeof target === 'string' && target.length > 0) return { model: target };
  if (isModel(target)) return { model: target };
  if (typeof target === 'object' && target !== null && 'model' in target) {
    const options = target as RouteTargetOptions;
    if ((typeof options.model === 'string' && options.model.length > 0) || isModel(options.model)) {
      const window = options.contextWindow;
      if (window !== undefined && !(Number.isInteger(window) && window > 0)) {
        throw new UserInputError('invalid-config', `routes.${route}.contextWindow is ${String(window)}.`, {
          path: `routes.${route}.contextWindow`,
          hint: 'Use a positive whole number of tokens, e.g. 131072.',
        });
      }
      return options;
    }
  }
  throw new UserInputError('invalid-config', `routes.${route} is ${describe(target)}.`, {
    path: `routes.${route}`,
    hint: 'Use a model id string, a Model instance, or { model, contextWindow?, capabilities? }.',
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : JSON.stringify(value);
  return `a ${typeof value} that is not a model`;
}

/**
 * Resolves a target through the catalog. Ids follow retirements (substitution); instances keep their id
 * (the user chose that endpoint, where the model may well be live) and only borrow the catalog's facts.
 */
export function resolveTarget(target: RouteTargetOptions, catalog: ModelCatalog): ResolvedTarget {
  const { model } = target;
  const resolved =
    typeof model === 'string'
      ? catalog.resolve(model)
      : { info: catalog.get(model.id), substitution: undefined };
  const info = resolved.info;
  const capabilities: ModelCapabilities = {
    vision: target.capabilities?.vision ?? info?.capabilities.vision ?? false,
    functionCalling: target.capabilities?.functionCalling ?? info?.capabilities.functionCalling ?? true,
    fim: target.capabilities?.fim ?? info?.capabilities.fim ?? false,
    reasoning: target.capabilities?.reasoning ?? info?.capabilities.reasoning ?? false,
  };
  const known = target.capabilities !== undefined || (info !== undefined && info.source !== 'unknown');
  const result: ResolvedTarget = {
    // Keep the id as configured (an alias like `-latest` keeps following the provider) unless substituted.
    model:
      typeof model !== 'string' ? model.id : resolved.substitution ? resolved.substitution.resolved : model,
    capabilities,
    capabilitiesKnown: known,
    contextWindow: target.contextWindow ?? info?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
  };
  if (typeof model !== 'string') result.instance = model;
  if (resolved.substitution) result.substitution = resolved.substitution;
  return result;
}
