/**
 * Compiles neutral tools and settings into Mistral request fields. Only fields the API accepts are set,
 * and only when they carry a value (an empty `tools: []` is rejected with 422, rule 7).
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { ModelSettings, ToolSpec } from '../types.js';
import type { WireChatRequest, WireTool } from './wire-types.js';

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { path, hint });
}

// Compiled tools per frozen spec array (an agent sends the same frozen specs on every call).
const compiledTools = new WeakMap<readonly ToolSpec[], readonly WireTool[]>();

function isDeepFrozen(tools: readonly ToolSpec[]): boolean {
  if (!Object.isFrozen(tools)) return false;
  for (const tool of tools) if (!Object.isFrozen(tool)) return false;
  return true;
}

/**
 * Tools as Mistral function tools; `undefined` when there are none. Names must be unique and valid. The
 * result for an array frozen with frozen specs (what `defineAgent` makes) is compiled once and reused; it is
 * frozen too, so callers must copy it before changing it.
 */
export function compileTools(tools: readonly ToolSpec[] | undefined): readonly WireTool[] | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  const cached = compiledTools.get(tools);
  if (cached !== undefined) return cached;
  const compiled = compileToolList(tools);
  if (isDeepFrozen(tools)) compiledTools.set(tools, Object.freeze(compiled));
  return compiled;
}

function compileToolList(tools: readonly ToolSpec[]): WireTool[] {
  const names = new Set<string>();
  return tools.map((tool, index) => {
    const path = `tools[${index}]`;
    if (typeof tool?.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      throw invalid(
        `${path}.name`,
        `${path}.name ${JSON.stringify(tool?.name)} is not a valid tool name.`,
        'Use 1-64 letters, digits, _ or -.',
      );
    }
    if (names.has(tool.name)) {
      throw invalid(`${path}.name`, `Tool name ${JSON.stringify(tool.name)} appears twice.`, 'Rename one.');
    }
    names.add(tool.name);
    const parameters = tool.parameters;
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      throw invalid(
        `${path}.parameters`,
        `${path}.parameters is not a JSON Schema object.`,
        'Pass an object.',
      );
    }
    const fn: WireTool['function'] = { name: tool.name, parameters };
    if (typeof tool.description === 'string' && tool.description !== '') fn.description = tool.description;
    return { type: 'function', function: fn };
  });
}

function check(ok: boolean, key: string, value: unknown, expected: string): void {
  if (!ok) {
    throw invalid(`settings.${key}`, `settings.${key} is ${JSON.stringify(value)}.`, `Use ${expected}.`);
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Settings as request fields. `toolChoice` and `parallelToolCalls` are sent only with tools;
 * `reasoningEffort` only to reasoning models (others reject it), and is dropped otherwise.
 */
export function compileSettings(
  settings: ModelSettings | undefined,
  context: { toolNames: readonly string[]; reasoning: boolean },
): Partial<WireChatRequest> {
  const out: Partial<WireChatRequest> = {};
  if (settings === undefined) return out;
  const { maxTokens, temperature, topP, randomSeed, stop, toolChoice } = settings;
  if (maxTokens !== undefined) {
    check(Number.isInteger(maxTokens) && maxTokens > 0, 'maxTokens', maxTokens, 'a whole number > 0');
    out.maxTokens = maxTokens;
  }
  if (temperature !== undefined) {
    check(isNumber(temperature) && temperature >= 0, 'temperature', temperature, 'a number >= 0');
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
        out.toolChoice = { type: 'function', function: { name } };
      }
    }
    if (settings.parallelToolCalls !== undefined) out.parallelToolCalls = settings.parallelToolCalls === true;
  }
  compileOutputSettings(settings, context.reasoning, out);
  return out;
}

function compileOutputSettings(
  settings: ModelSettings,
  reasoning: boolean,
  out: Partial<WireChatRequest>,
): void {
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
  const effort = settings.reasoningEffort;
  if (effort !== undefined) {
    check(
      ['none', 'low', 'medium', 'high'].includes(effort),
      'reasoningEffort',
      effort,
      'none|low|medium|high',
    );
    if (reasoning) out.reasoningEffort = effort;
  }
}
