export type { TurnContent } from './analyze-turn.js';
export { analyzeTurn } from './analyze-turn.js';
export type { DefaultRouter, RouterOptions } from './create-router.js';
export { createRouter, previousRouteOf } from './create-router.js';
export type { PolicyConfig, PolicyInput, RouteModelFacts } from './decide-route.js';
export { decideRoute } from './decide-route.js';
export type { ArabicScriptGuess, ArabicScriptLanguage } from './detect-arabic.js';
export { detectArabicScript } from './detect-arabic.js';
export type { CodeIntent } from './detect-code.js';
export { detectCodeIntent } from './detect-code.js';
export { isFollowUp } from './detect-follow-up.js';
export type { ScriptCounts, ScriptName } from './detect-script.js';
export { countScripts, scriptShares } from './detect-script.js';
export type { LanguageEvidence } from './is-arabic.js';
export { isArabicText, languageEvidence } from './is-arabic.js';
export type { LanguageDetector } from './language-detector.js';
export { scriptLanguageDetector } from './language-detector.js';
export type { RouteRule, RouteRuleContext } from './route-rule.js';
export type { RouteTarget, RouteTargetOptions } from './route-targets.js';
export { DEFAULT_ROUTES } from './route-targets.js';
export type {
  ModelSubstitution,
  RouteDecision,
  RouteName,
  Router,
  RouterInput,
  RouteSelection,
  RouteSignals,
} from './types.js';
