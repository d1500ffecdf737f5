import { UserInputError } from '../errors.js';
import { createCatalog, type ModelCatalog, type ModelDeprecationWarning } from '../models/catalog/index.js';
import { messageImages, messageText } from '../models/message-text.js';
import { createMistral } from '../models/mistral/index.js';
import type { Message, Model, ModelLister, ModelProvider } from '../models/types.js';
import { decideRoute, type PolicyConfig, type RouteModelFacts } from './decide-route.js';
import { type LanguageDetector, scriptLanguageDetector } from './language-detector.js';
import { explainRequest } from './request-model/explain-request.js';
import { DEFAULT_THRESHOLDS, type RequestThresholds } from './request-model/model-route.js';
import type { RouteRule } from './route-rule.js';
import {
  callSettingsOf,
  DEFAULT_ROUTES,
  normalizeTarget,
  type ResolvedTarget,
  type RouteTarget,
  type RouteTargetOptions,
  resolveTarget,
} from './route-targets.js';
import type { RouteCallSettings, RouteDecision, RouteName, Router, RouteSelection } from './types.js';

/** Options of {@link createRouter}. Every part of the default policy can be replaced. */
export interface RouterOptions {
  /**
   * Route targets, merged over the defaults (`arabic: 'mistral-saba-latest'`, `code: 'codestral-latest'`,
   * `general: 'mistral-small-latest'`). Extra keys add custom routes for `rules`.
   */
  routes?: Partial<Record<'arabic' | 'code' | 'general', RouteTarget>> & Record<string, RouteTarget>;
  /** Makes a {@link Model} for an id. @default createMistral() */
  provider?: ModelProvider;
  /** Model facts. @default createCatalog({ lister: provider }) when the provider lists models */
  catalog?: ModelCatalog;
  /** A retired model in a route is an error at creation instead of a substitution. @default false */
  strict?: boolean;
  /** Custom rules, tried in order before the default policy. */
  rules?: readonly RouteRule[];
  /** Answers `languages` conditions of rules. @default the built-in script-based detector */
  detector?: LanguageDetector;
  /**
   * `lazy`: the first `select()` refreshes the catalog from `GET /v1/models` (once; on failure the static
   * facts are used and no retry is made). `manual`: call `catalog.refresh()` yourself. @default 'lazy'
   */
  refresh?: 'lazy' | 'manual';
  /**
   * Thresholds of the request model (each a probability in (0, 1)): `code` for coding requests,
   * `arabic` for Arabic-script text, `arabizi` for Arabic in Latin letters. Unset fields keep the
   * defaults (code 0.5, arabic 0.3, arabizi 0.5); see docs/routing.md for how they were chosen.
   */
  thresholds?: Partial<RequestThresholds>;
}

/** A {@link Router} that also exposes its catalog and the last refresh failure. */
export interface DefaultRouter extends Router {
  readonly catalog: ModelCatalog;
  /** Why the lazy catalog refresh failed, when it did (routing then uses static facts). */
  readonly refreshError: unknown;
  /** Records a response's deprecation date in the catalog; a warning the first time per model. */
  noteDeprecation(modelId: string, date: string): ModelDeprecationWarning | undefined;
}

function isLister(value: unknown): value is ModelLister {
  return typeof (value as Partial<ModelLister> | undefined)?.listModels === 'function';
}

function lastUserMessage(messages: readonly Message[]): Message | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]?.role === 'user') return messages[index];
  }
  return undefined;
}

/**
 * The images of the current turn: the last user message's, and those of the tool results after it (a
 * screenshot tool's), so the step that reads them goes to a route that can see them.
 */
function turnImages(messages: readonly Message[], turn: Message | undefined): number {
  let images = turn?.role === 'user' ? messageImages(turn).length : 0;
  for (let index = messages.length - 1; index >= 0 && messages[index] !== turn; index--) {
    const message = messages[index];
    if (message?.role === 'tool' && Array.isArray(message.content))
      images += message.content.filter((part) => part.type === 'image').length;
  }
  return images;
}

/** The route of the latest assistant message that recorded one (`meta.route`), for sticky follow-ups. */
export function previousRouteOf(messages: readonly Message[]): RouteName | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'assistant' && message.meta?.route) return message.meta.route;
  }
  return undefined;
}

/**
 * Creates the default router: images to `general`, coding tasks to `code`, Arabic to `arabic`, everything
 * else to `general`, with sticky follow-ups, capability fall-through and custom rules. See docs/routing.md.
 * @example
 * const router = createRouter({ routes: { code: 'codestral-latest' }, rules: [{ route: 'general', keywords: ['translate'] }] });
 * router.explain('اكتب دالة بايثون'); // { route: 'code', ... }
 */
export function createRouter(options: RouterOptions = {}): DefaultRouter {
  let provider = options.provider;
  const getProvider = (): ModelProvider => {
    provider ??= createMistral();
    return provider;
  };
  const lister = isLister(options.provider) ? options.provider : options.provider ? undefined : getProvider();
  const catalog = options.catalog ?? createCatalog(isLister(lister) ? { lister } : {});
  const targets = new Map<RouteName, RouteTargetOptions>();
  for (const [route, target] of Object.entries({ ...DEFAULT_ROUTES, ...options.routes })) {
    targets.set(route, normalizeTarget(route, target));
  }
  const calls = new Map<RouteName, RouteCallSettings>();
  for (const [route, target] of targets) {
    const call = callSettingsOf(route, target);
    if (call) calls.set(route, call);
  }
  const rules = options.rules ?? [];
  for (const [index, rule] of rules.entries()) checkRule(rule, index, targets);
  const detector = options.detector ?? scriptLanguageDetector;
  const thresholds = checkThresholds(options.thresholds);

  const resolveAll = (): Map<RouteName, ResolvedTarget> => {
    const resolved = new Map<RouteName, ResolvedTarget>();
    for (const [route, target] of targets) {
      const result = resolveTarget(target, catalog);
      if (options.strict && result.substitution) {
        throw new UserInputError('invalid-config', `routes.${route}: ${result.substitution.reason}`, {
          path: `routes.${route}`,
          hint: `Set routes.${route} to "${result.substitution.resolved}", or turn off strict mode.`,
        });
      }
      resolved.set(route, result);
    }
    return resolved;
  };
  // Resolve once now, so strict mode fails at start-up; again after a refresh changes the facts.
  let resolved = resolveAll();
  let resolvedAfterRefresh = catalog.refreshed;
  const policy = (): PolicyConfig => ({
    routes: resolved as ReadonlyMap<RouteName, RouteModelFacts>,
    rules,
    detector,
    thresholds,
  });

  const models = new Map<string, Model>();
  const modelFor = (target: ResolvedTarget): Model => {
    if (target.instance) return target.instance;
    let model = models.get(target.model);
    if (!model) {
      model = getProvider()(target.model);
      models.set(target.model, model);
    }
    return model;
  };

  let refreshError: unknown;
  // Every caller joins the catalog's one shared listing (each with its own abort signal); after a failure
  // the static facts are used for the rest of the router's life, and `refreshError` says why.
  const refreshLazily = async (signal: AbortSignal | undefined) => {
    if ((options.refresh ?? 'lazy') !== 'lazy' || catalog.refreshed || refreshError !== undefined) return;
    try {
      await catalog.refresh(signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) throw error;
      refreshError = error;
    }
  };

  return {
    catalog,
    get refreshError() {
      return refreshError;
    },
    async select(input, selectOptions = {}): Promise<RouteSelection> {
      await refreshLazily(selectOptions.signal);
      if (catalog.refreshed && !resolvedAfterRefresh) {
        resolved = resolveAll();
        resolvedAfterRefresh = true;
      }
      const turn = lastUserMessage(input.messages);
      const previousRoute = input.previous?.route ?? previousRouteOf(input.messages);
      const decision: RouteDecision = decideRoute(
        {
          text: turn ? messageText(turn) : '',
          images: turnImages(input.messages, turn),
          needsTools: input.needsTools,
          ...(previousRoute ? { previousRoute } : {}),
          messages: input.messages,
        },
        policy(),
      );
      const target = resolved.get(decision.route) as ResolvedTarget;
      const selection: RouteSelection = {
        decision,
        model: modelFor(target),
        contextWindow: target.contextWindow,
      };
      if (target.substitution) selection.substitution = target.substitution;
      const call = calls.get(decision.route);
      if (call) selection.call = call;
      return selection;
    },
    noteDeprecation: (modelId, date) => catalog.noteDeprecation(modelId, date),
    explain(text) {
      const decision = decideRoute({ text, images: 0, needsTools: false, messages: [] }, policy());
      if (['arabic', 'code', 'general'].includes(decision.route)) {
        decision.evidence = explainRequest(text, decision.route);
      }
      return decision;
    },
  };
}

function checkRule(rule: RouteRule, index: number, targets: ReadonlyMap<RouteName, unknown>): void {
  const path = `rules[${index}]`;
  if (typeof rule !== 'object' || rule === null || !targets.has(rule.route)) {
    throw new UserInputError(
      'invalid-config',
      `${path} routes to ${JSON.stringify(rule?.route)}, which is not a route.`,
      {
        path,
        hint: `Use one of ${[...targets.keys()].join(', ')}, or add the route to routes.`,
      },
    );
  }
  if (!rule.languages && !rule.keywords && !rule.pattern && !rule.test) {
    throw new UserInputError('invalid-config', `${path} (route ${rule.route}) has no condition.`, {
      path,
      hint: 'Give it languages, keywords, pattern or test.',
    });
  }
}

function checkThresholds(given: Partial<RequestThresholds> | undefined): RequestThresholds {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in DEFAULT_THRESHOLDS)) {
      throw new UserInputError('invalid-config', `thresholds.${key} is not a threshold.`, {
        path: `thresholds.${key}`,
        hint: 'Use code, arabic or arabizi.',
      });
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
      throw new UserInputError('invalid-config', `thresholds.${key} is ${String(value)}.`, {
        path: `thresholds.${key}`,
        hint: `Use a probability between 0 and 1 (exclusive); the default is ${DEFAULT_THRESHOLDS[key as keyof RequestThresholds]}.`,
      });
    }
    thresholds[key as keyof RequestThresholds] = value;
  }
  return thresholds;
}
