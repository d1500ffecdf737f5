import { UserInputError } from '../errors.js';
import { DEFAULT_CONTEXT_WINDOW, type ModelCatalog } from '../models/catalog/index.js';
import type { Model, ModelCapabilities } from '../models/types.js';
import type { RouteModelFacts } from './decide-route.js';
import type { ModelSubstitution, RouteCallSettings, RouteName } from './types.js';

/** A route's model with overrides, for models the catalog does not describe (a local server's model). */
export interface RouteTargetOptions {
  /** A model id (made by the router's provider) or a ready {@link Model} (any endpoint). */
  model: string | Model;
  /** Context window in tokens; wins over the catalog. */
  contextWindow?: number;
  /** What the model can do; wins over the catalog, field by field. */
  capabilities?: Partial<ModelCapabilities>;
  /**
   * Instructions added to the agent's for this route's calls; `false` turns off a default route's
   * instructions (the `arabic` route has some: see {@link DEFAULT_ROUTE_CALLS}).
   */
  instructions?: string | false;
  /** An answer prefix for this route's calls (Mistral `prefix: true`); see {@link RouteCallSettings}. */
  prefix?: string;
  /** Sampling for this route's calls. */
  settings?: RouteCallSettings['settings'];
}

/** Where a route goes: a model id, a {@link Model} instance (another endpoint), or both with overrides. */
export type RouteTarget = string | Model | RouteTargetOptions;

/** The default routes: Saba lineage, Codestral, Small lineage (see docs/routing.md). */
export const DEFAULT_ROUTES = {
  arabic: 'mistral-saba-latest',
  code: 'codestral-latest',
  general: 'mistral-small-latest',
} as const satisfies Record<string, string>;

/**
 * What the Arabic route tells the model: answer in the user's variety and script. The router sends Arabic
 * in any variety here, and confident Arabizi, so the instructions name both.
 */
export const ARABIC_ROUTE_INSTRUCTIONS =
  'The user writes Arabic. Answer in the same variety of Arabic as their last message (Modern Standard, ' +
  'Egyptian, Levantine, Gulf, Iraqi, Maghrebi, Yemeni ...) and in the same script: Arabic letters when they ' +
  'write Arabic letters, Latin letters with digits (Arabizi: 3 for ع, 7 for ح, 2 for ء) when they write ' +
  'Arabizi. Keep code, names and technical terms as they are.';

/** Call settings the default routes carry: the `arabic` route's instructions. */
export const DEFAULT_ROUTE_CALLS: Readonly<Record<string, RouteCallSettings>> = Object.freeze({
  arabic: Object.freeze({ instructions: ARABIC_ROUTE_INSTRUCTIONS }),
});

/** The call settings of one route: its target's, over the default route's. */
export function callSettingsOf(route: RouteName, target: RouteTargetOptions): RouteCallSettings | undefined {
  const call: RouteCallSettings = { ...DEFAULT_ROUTE_CALLS[route] };
  if (target.instructions === false) delete call.instructions;
  else if (typeof target.instructions === 'string') call.instructions = target.instructions;
  if (target.prefix !== undefined) call.prefix = target.prefix;
  if (target.settings !== undefined) call.settings = { ...target.settings };
  return Object.keys(call).length > 0 ? call : undefined;
}

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
      checkCallOptions(route, options);
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

function checkCallOptions(route: RouteName, options: RouteTargetOptions): void {
  const bad = (field: string, value: unknown, hint: string) =>
    new UserInputError('invalid-config', `routes.${route}.${field} is ${describeValue(value)}.`, {
      path: `routes.${route}.${field}`,
      hint,
    });
  const { instructions, prefix, settings } = options;
  if (instructions !== undefined && instructions !== false && typeof instructions !== 'string') {
    throw bad('instructions', instructions, 'Use a string, or false to drop the default instructions.');
  }
  if (prefix !== undefined && (typeof prefix !== 'string' || prefix.length === 0)) {
    throw bad('prefix', prefix, 'Use a non-empty string the answer should start with.');
  }
  if (settings !== undefined && (typeof settings !== 'object' || settings === null)) {
    throw bad('settings', settings, 'Use an object such as { temperature: 0.3 }.');
  }
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : `a ${typeof value}`;
}
