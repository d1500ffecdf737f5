/**
 * Compiles neutral settings into Mistral request fields. Only fields the API accepts are set, only when they
 * carry a value, and only within the API's ranges (R21, R27 in docs/mistral-wire-rules.md).
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { ModelSettings } from '../types.js';
import type { WireChatRequest } from './wire-types.js';

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { path, hint });
}

function check(ok: boolean, key: string, value: unknown, expected: string): void {
  if (!ok) {
    throw invalid(`settings.${key}`, `settings.${key} is ${JSON.stringify(value)}.`, `Use ${expected}.`);
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The API's maximum `temperature` (OpenAPI `ChatCompletionRequest.temperature`: 0..1.5; 422 above, R27). */
export const MAX_TEMPERATURE = 1.5;

/** What the settings compiler needs to know about the request and the model. */
export interface SettingsContext {
  /** The tools' real names, for a named `toolChoice`. */
  toolNames: readonly string[];
  /** Maps a real tool name to its wire name. @default the name itself */
  toWireName?: (name: string) => string;
  /** Whether the model reasons: `reasoningEffort` is dropped for models that do not. */
  reasoning: boolean;
  /** The `reasoningEffort` values the model takes (from the catalog); any when unknown. */
  reasoningEfforts?: readonly string[];
}

/**
 * Settings as request fields. `toolChoice` and `parallelToolCalls` are sent only with tools;
 * `reasoningEffort` only to reasoning models (others reject it), and is dropped otherwise. A value outside the
 * API's range throws a `UserInputError` naming `settings.<field>` and the range.
 */
export function compileSettings(
  settings: ModelSettings | undefined,
  context: SettingsContext,
): Partial<WireChatRequest> {
  const out: Partial<WireChatRequest> = {};
  if (settings === undefined) return out;
  const { maxTokens, temperature, topP, randomSeed, stop, toolChoice } = settings;
  if (maxTokens !== undefined) {
    check(Number.isInteger(maxTokens) && maxTokens > 0, 'maxTokens', maxTokens, 'a whole number > 0');
    out.maxTokens = maxTokens;
  }
  if (temperature !== undefined) {
    const ok = isNumber(temperature) && temperature >= 0 && temperature <= MAX_TEMPERATURE;
    check(ok, 'temperature', temperature, `a number from 0 to ${MAX_TEMPERATURE} (the API's range)`);
    out.temperature = temperature;
  }
  if (topP !== undefined) {
    check(isNumber(topP) && topP > 0 && topP <= 1, 'topP', topP, 'a number in (0, 1]');
    out.topP = topP;
  }
  if (randomSeed !== undefined) {
    check(Number.isInteger(randomSeed) && randomSeed >= 0, 'randomSeed', randomSeed, 'a whole number >= 0');
    out.randomSeed = randomSeed;
  }
  if (stop !== undefined) {
    const ok = Array.isArray(stop) && stop.every((item) => typeof item === 'string' && item !== '');
    check(ok, 'stop', stop, 'an array of non-empty strings');
    if (stop.length > 0) out.stop = [...stop];
  }
  if (context.toolNames.length > 0) {
    if (toolChoice !== undefined) {
      if (typeof toolChoice === 'string') {
        check(
          ['auto', 'none', 'any', 'required'].includes(toolChoice),
          'toolChoice',
          toolChoice,
          'auto|none|any|required',
        );
        out.toolChoice = toolChoice;
      } else {
        const name = toolChoice?.name;
        check(
          context.toolNames.includes(name),
          'toolChoice',
          toolChoice,
          `a tool name: ${context.toolNames.join(', ')}`,
        );
        out.toolChoice = { type: 'function', function: { name: context.toWireName?.(name) ?? name } };
      }
    }
    if (settings.parallelToolCalls !== undefined) out.parallelToolCalls = settings.parallelToolCalls === true;
  }
  compileOutputSettings(settings, out);
  compileReasoning(settings, context, out);
  if (settings.promptCacheKey !== undefined) {
    const key = settings.promptCacheKey;
    check(typeof key === 'string' && key !== '', 'promptCacheKey', key, 'a non-empty string');
    out.promptCacheKey = key;
  }
  return out;
}

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** R21: `reasoningEffort` only to reasoning models, and only with a value the model takes. */
function compileReasoning(
  settings: ModelSettings,
  context: SettingsContext,
  out: Partial<WireChatRequest>,
): void {
  const effort = settings.reasoningEffort;
  if (effort === undefined) return;
  check(EFFORTS.includes(effort), 'reasoningEffort', effort, EFFORTS.join('|'));
  if (!context.reasoning) return;
  const allowed = context.reasoningEfforts;
  if (allowed !== undefined && !allowed.includes(effort)) {
    throw invalid(
      'settings.reasoningEffort',
      `settings.reasoningEffort is ${JSON.stringify(effort)}, but this model takes only ${allowed.join(' or ')}.`,
      `Use ${allowed.map((value) => JSON.stringify(value)).join(' or ')} (Mistral answers 400 code 3051 otherwise).`,
    );
  }
  out.reasoningEffort = effort;
}

function compileOutputSettings(settings: ModelSettings, out: Partial<WireChatRequest>): void {
  const format = settings.responseFormat;
  if (format !== undefined) {
    if (format.type === 'json_schema') {
      const ok = typeof format.name === 'string' && format.name !== '' && typeof format.schema === 'object';
      check(ok, 'responseFormat', format.name, 'a name and a JSON Schema object');
      const jsonSchema: { name: string; schemaDefinition: { [key: string]: unknown }; strict?: boolean } = {
        name: format.name,
        schemaDefinition: format.schema,
      };
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      out.responseFormat = { type: 'json_schema', jsonSchema };
    } else {
      check(
        format.type === 'text' || format.type === 'json_object',
        'responseFormat',
        format,
        'a known type',
      );
      out.responseFormat = { type: format.type };
    }
  }
  if (settings.prediction !== undefined) {
    check(typeof settings.prediction === 'string', 'prediction', settings.prediction, 'a string');
    if (settings.prediction !== '') out.prediction = { type: 'content', content: settings.prediction };
  }
}
