import type { Message } from '../models/types.js';
import type { LanguageDetector } from './language-detector.js';
import type { RouteName, RouteSignals } from './types.js';

/** What a custom rule's `test` function sees. */
export interface RouteRuleContext {
  /** Text of the new user turn. */
  text: string;
  signals: RouteSignals;
  /** The conversation, ending with the new user turn. */
  messages: readonly Message[];
}

/**
 * A custom routing rule. Rules are tried in order before the default policy; the first whose conditions
 * all hold picks its route. At least one condition is required.
 * @example { route: 'legal', keywords: ['contract', 'عقد'] }
 */
export interface RouteRule {
  /** The route to take; must be one of the router's routes. */
  route: RouteName;
  /** Shown in the decision's reason. @default `rule <index>` */
  name?: string;
  /** The detector's language for the turn is one of these (ISO 639 codes). */
  languages?: readonly string[];
  /** The turn contains one of these, ignoring case. */
  keywords?: readonly string[];
  /** The turn matches this regular expression. */
  pattern?: RegExp;
  /** Any predicate over the turn. */
  test?: (context: RouteRuleContext) => boolean;
}

/** True when every condition the rule sets holds for the turn. `language` is computed at most once. */
export function ruleMatches(
  rule: RouteRule,
  context: RouteRuleContext,
  language: () => string | undefined,
  lowerText: () => string,
): boolean {
  if (rule.languages) {
    const detected = language();
    if (detected === undefined || !rule.languages.includes(detected)) return false;
  }
  if (rule.keywords) {
    const text = lowerText();
    if (!rule.keywords.some((keyword) => text.includes(keyword.toLowerCase()))) return false;
  }
  if (rule.pattern) {
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(context.text)) return false;
  }
  if (rule.test && !rule.test(context)) return false;
  return true;
}

/** Runs the rules in order; returns the first match's route and name. */
export function firstMatchingRule(
  rules: readonly RouteRule[],
  context: RouteRuleContext,
  detector: LanguageDetector,
): { route: RouteName; name: string } | undefined {
  if (rules.length === 0) return undefined;
  let language: { value: string | undefined } | undefined;
  let lower: string | undefined;
  const detect = () => {
    language ??= { value: detector.detect(context.text, context.signals) };
    return language.value;
  };
  const lowerText = () => {
    lower ??= context.text.toLowerCase();
    return lower;
  };
  for (const [index, rule] of rules.entries()) {
    if (ruleMatches(rule, context, detect, lowerText))
      return { route: rule.route, name: rule.name ?? `rule ${index}` };
  }
  return undefined;
}
