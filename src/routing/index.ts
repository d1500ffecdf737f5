export type { TurnContent } from './analyze-turn.js';
export { analyzeTurn } from './analyze-turn.js';
export type { ArabicScriptGuess, ArabicScriptLanguage } from './arabic-script-language.js';
export { detectArabicScript } from './arabic-script-language.js';
export type { CodeIntent } from './code-intent.js';
export { detectCodeIntent } from './code-intent.js';
export type { DefaultRouter, RouterOptions } from './create-router.js';
export { createRouter } from './create-router.js';
export type { PolicyConfig, PolicyInput, RouteModelFacts } from './decide-route.js';
export { isFollowUp } from './detect-follow-up.js';
export type { ScriptCounts, ScriptName } from './detect-script.js';
export { countScripts, scriptShares } from './detect-script.js';
export type { LanguageDetector } from './language-detector.js';
export { scriptLanguageDetector } from './language-detector.js';
export type { LanguageEvidence } from './language-evidence.js';
export { isArabicText, languageEvidence } from './language-evidence.js';
export type { RequestClassification } from './request-model/classify-request.js';
export { classifyRequest } from './request-model/classify-request.js';
export type { RequestThresholds } from './request-model/model-route.js';
export { DEFAULT_THRESHOLDS } from './request-model/model-route.js';
export type { RouteRule, RouteRuleContext } from './route-rule.js';
export type { RouteTarget, RouteTargetOptions } from './route-targets.js';
export { ARABIC_ROUTE_INSTRUCTIONS, DEFAULT_ROUTE_CALLS, DEFAULT_ROUTES } from './route-targets.js';
export type {
  ModelSubstitution,
  RouteCallSettings,
  RouteDecision,
  RouteName,
  Router,
  RouterInput,
  RouteSampling,
  RouteSelection,
  RouteSignals,
} from './types.js';
