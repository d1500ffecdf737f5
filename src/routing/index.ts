export type { TurnContent } from './analyze-turn.js';
export { analyzeTurn } from './analyze-turn.js';
export type { ArabicScriptGuess, ArabicScriptLanguage } from './arabic-script-language.js';
export { detectArabicScript } from './arabic-script-language.js';
export type { CodeIntent } from './code-intent.js';
export { detectCodeIntent } from './code-intent.js';
export type { DefaultRouter, RouterOptions } from './create-router.js';
export { createRouter, previousRouteOf } from './create-router.js';
export type { PolicyConfig, PolicyInput, RouteModelFacts } from './decide-route.js';
export { decideRoute } from './decide-route.js';
export { isFollowUp } from './detect-follow-up.js';
export type { ScriptCounts, ScriptName } from './detect-script.js';
export { countScripts, scriptShares } from './detect-script.js';
export type { LanguageDetector } from './language-detector.js';
export { scriptLanguageDetector } from './language-detector.js';
export type { LanguageEvidence } from './language-evidence.js';
export { isArabicText, languageEvidence } from './language-evidence.js';
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
