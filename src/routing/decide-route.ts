import type { Message, ModelCapabilities } from '../models/types.js';
import { analyzeTurnDetails, type TurnAnalysis } from './analyze-turn.js';
import type { LanguageDetector } from './language-detector.js';
import type { RequestThresholds } from './request-model/model-route.js';
import { firstMatchingRule, type RouteRule } from './route-rule.js';
import type { RouteDecision, RouteName, RouteSignals } from './types.js';

/** What the policy knows about one route's model. */
export interface RouteModelFacts {
  /** The model id the route calls (after substituting retired ids). */
  model: string;
  capabilities: ModelCapabilities;
  /** False when no source describes the model: then it is trusted to do what the turn needs. */
  capabilitiesKnown: boolean;
}

/** The policy's configuration: routes (in fall-through order after `general`), rules and detector. */
export interface PolicyConfig {
  routes: ReadonlyMap<RouteName, RouteModelFacts>;
  rules: readonly RouteRule[];
  detector: LanguageDetector;
  /** Thresholds of the request model. @default DEFAULT_THRESHOLDS */
  thresholds?: RequestThresholds;
}

/** One turn to route. */
export interface PolicyInput {
  text: string;
  images: number;
  needsTools: boolean;
  /** The conversation's previous route, for sticky follow-ups. */
  previousRoute?: RouteName;
  messages: readonly Message[];
}

/**
 * The routing policy as a pure function. Order: a short follow-up keeps the previous route; custom rules;
 * images go to `general` (the vision route); a coding task to `code`; Arabic to `arabic`; else `general`.
 * Then capabilities: if the chosen route's model lacks vision (for images) or function calling (for an
 * agent with tools), the next capable route is used (`general` first, then the others) and the decision
 * lists what was skipped and why.
 */
export function decideRoute(input: PolicyInput, config: PolicyConfig): RouteDecision {
  return decideWithAnalysis(input, config).decision;
}

/** {@link decideRoute}, also returning the turn's analysis (for `explain()`'s evidence). */
export function decideWithAnalysis(
  input: PolicyInput,
  config: PolicyConfig,
): { decision: RouteDecision; analysis: TurnAnalysis } {
  const analysis = analyzeTurnDetails(input, config.thresholds);
  const wanted = preferredRoute(input, analysis, config);
  return { decision: applyCapabilities(wanted.route, wanted.reason, analysis.signals, config), analysis };
}

function preferredRoute(
  input: PolicyInput,
  analysis: TurnAnalysis,
  config: PolicyConfig,
): { route: RouteName; reason: string } {
  const { signals, model } = analysis;
  const has = (route: RouteName) => config.routes.has(route);
  if (signals.followUp && signals.images === 0 && input.previousRoute && has(input.previousRoute)) {
    return { route: input.previousRoute, reason: 'short follow-up: keeps the previous route' };
  }
  const rule = firstMatchingRule(
    config.rules,
    { text: input.text, signals, messages: input.messages },
    config.detector,
  );
  if (rule && has(rule.route)) return { route: rule.route, reason: `custom rule "${rule.name}" matched` };
  if (signals.images > 0) {
    return { route: 'general', reason: `turn has ${signals.images} image(s); general is the vision route` };
  }
  if (model.route === 'code' && has('code')) {
    return { route: 'code', reason: `coding request (code ${analysis.request.code.toFixed(2)})` };
  }
  const arabicShare = (signals.scripts.arabic ?? 0).toFixed(2);
  const arabicScore = model.arabicScore.toFixed(2);
  if (model.arabic && has('arabic')) {
    return model.script === 'latin'
      ? { route: 'arabic', reason: `turn is Arabizi (Arabic in Latin letters, arabic ${arabicScore})` }
      : {
          route: 'arabic',
          reason: `turn is Arabic (ar, ${arabicShare} Arabic script, arabic ${arabicScore})`,
        };
  }
  if (signals.arabicScriptLanguage !== undefined && signals.arabicScriptLanguage !== 'ar') {
    const language =
      signals.arabicScriptLanguage === 'other' ? 'another language' : signals.arabicScriptLanguage;
    return { route: 'general', reason: `Arabic script (${arabicShare}) but ${language}, not Arabic` };
  }
  return {
    route: 'general',
    reason: `no image, coding or Arabic signal (code ${signals.codeScore.toFixed(2)})`,
  };
}

function missingCapability(
  facts: RouteModelFacts,
  signals: RouteSignals,
): 'vision' | 'function-calling' | undefined {
  if (!facts.capabilitiesKnown) return undefined;
  if (signals.images > 0 && !facts.capabilities.vision) return 'vision';
  if (signals.needsTools && !facts.capabilities.functionCalling) return 'function-calling';
  return undefined;
}

function applyCapabilities(
  wanted: RouteName,
  reason: string,
  signals: RouteSignals,
  config: PolicyConfig,
): RouteDecision {
  const order = [wanted, 'general', ...config.routes.keys()].filter(
    (route, index, all) => config.routes.has(route) && all.indexOf(route) === index,
  );
  const skipped: NonNullable<RouteDecision['skipped']> = [];
  for (const route of order) {
    const facts = config.routes.get(route) as RouteModelFacts;
    const missing = missingCapability(facts, signals);
    if (missing === undefined) {
      const decision: RouteDecision = { route, model: facts.model, reason, signals };
      if (skipped.length > 0) {
        decision.skipped = skipped;
        decision.reason = `${reason}; ${describeSkips(skipped)}, so ${route}`;
      }
      return decision;
    }
    skipped.push({ route, model: facts.model, missing });
  }
  // Nothing can do it: keep the preferred route and say so; the provider's error will be explicit.
  const facts = config.routes.get(wanted) ?? (config.routes.values().next().value as RouteModelFacts);
  return {
    route: config.routes.has(wanted) ? wanted : (order[0] ?? wanted),
    model: facts.model,
    reason: `${reason}; no route's model has ${skipped.map((skip) => skip.missing).join('/')}: kept anyway`,
    signals,
    skipped,
  };
}

function describeSkips(skipped: NonNullable<RouteDecision['skipped']>): string {
  return skipped.map((skip) => `${skip.route} (${skip.model}) lacks ${skip.missing}`).join(', ');
}
