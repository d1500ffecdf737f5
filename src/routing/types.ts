import type { ModelDeprecationWarning } from '../models/catalog/index.js';
import type { Message, Model, ModelSettings } from '../models/types.js';

/** A route name. The default policy has `arabic`, `code` and `general`; custom rules may add more. */
export type RouteName = 'arabic' | 'code' | 'general' | (string & {});

/** What the detectors saw in the user turn. Every field is cheap to compute and safe to log. */
export interface RouteSignals {
  /** Number of images in the turn. */
  images: number;
  /** Letters in the turn by script, as shares of all letters (0..1), e.g. `{ arabic: 0.93, latin: 0.07 }`. */
  scripts: Record<string, number>;
  /** The language the Arabic-script discriminator chose, when the turn is mostly Arabic script. */
  arabicScriptLanguage?: 'ar' | 'fa' | 'ur' | 'ps' | 'ms' | 'other';
  /** The request model's probability (0..1) that the turn is a coding request. */
  codeScore: number;
  /**
   * How Arabic the turn is, coding aside: P(arabic) / (P(arabic) + P(general)) from the request model.
   * Absent in signals made by hand.
   */
  arabicScore?: number;
  /** True when the turn is Arabizi (Arabic in Latin letters) the model is confident about. */
  arabizi?: boolean;
  /** True when the turn is a short follow-up ("ok", "thanks", a number, an emoji). */
  followUp: boolean;
  /** True when the agent has tools, so the route's model must support function calling. */
  needsTools: boolean;
}

/** A routing decision: a plain value that can be logged, compared and shown by `explain()`. */
export interface RouteDecision {
  route: RouteName;
  /** The model id requested for the route, after resolving retired ids to their replacements. */
  model: string;
  /** One sentence saying why, e.g. "turn is Arabic (ar, 0.97 Arabic script)". */
  reason: string;
  signals: RouteSignals;
  /**
   * Set by `explain()` only: the evidence that moved the request model most toward this route (for
   * `general`, away from the others), strongest first, in logit units.
   */
  evidence?: Array<{ feature: string; weight: number }>;
  /** Routes tried first and skipped because their model lacked a capability, with the reason. */
  skipped?: Array<{ route: RouteName; model: string; missing: 'vision' | 'function-calling' }>;
}

/** A retired model replaced by its successor, reported as a `model-substituted` event. */
export interface ModelSubstitution {
  requested: string;
  resolved: string;
  /** Retirement date, ISO `YYYY-MM-DD`, when known. */
  retiredOn?: string;
  reason: string;
}

/** What a router needs to pick a route for the next call. */
export interface RouterInput {
  /** The conversation so far, ending with the new user turn. */
  messages: readonly Message[];
  /** True when the agent offers tools. */
  needsTools: boolean;
  /** The previous decision in this conversation, for sticky follow-ups. */
  previous?: RouteDecision;
}

/** Sampling settings a route may set for its calls. */
export type RouteSampling = Pick<
  ModelSettings,
  'temperature' | 'topP' | 'maxTokens' | 'randomSeed' | 'stop' | 'reasoningEffort'
>;

/** How calls on one route differ from the agent's defaults. */
export interface RouteCallSettings {
  /** Appended to the agent's instructions (the system message) for calls on this route. */
  instructions?: string;
  /**
   * Starts the assistant's answer with this text (Mistral `prefix: true`) when the last message is the
   * user's, to hold the model to a language; the adapter strips the echoed prefix from the reply.
   */
  prefix?: string;
  /** Sampling for this route's calls; wins over the agent's and the run's settings. */
  settings?: RouteSampling;
}

/** The router's full answer: the decision plus what the loop needs to call the model. */
export interface RouteSelection {
  decision: RouteDecision;
  model: Model;
  /** Context window of the chosen model, in tokens. */
  contextWindow: number;
  substitution?: ModelSubstitution;
  /** The route's own instructions, prefix and sampling, when it has any. */
  call?: RouteCallSettings;
}

/** Picks a model for each user turn. */
export interface Router {
  /** Chooses the route and model for the next call. */
  select(input: RouterInput, options?: { signal?: AbortSignal }): Promise<RouteSelection>;
  /** The decision this router would make for a single user text, for debugging and docs. */
  explain(text: string): RouteDecision;
  /**
   * Records a deprecation date a response carried (`ResponseMeta.deprecation`, from the
   * `x-model-deprecation-timestamp` header). Returns a warning the first time per model, for the loop to
   * report as an event, and `undefined` after. Optional: routers without a catalog leave it out.
   */
  noteDeprecation?(modelId: string, date: string): ModelDeprecationWarning | undefined;
}
