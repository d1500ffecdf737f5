import { EventEmitter } from 'eventemitter3';
import { DEFAULT_PRICES } from '../models/catalog/prices.js';
import type { ResponseFormat } from '../models/types.js';
import { toJsonSchema } from '../tools/json-schema.js';
import { toToolSpecs } from '../tools/tool-specs.js';
import type { ToolSchema, ToolSet } from '../tools/types.js';
import type { Agent, AgentConfig, OutputOf } from './agent.js';
import type { AgentEventListeners } from './events.js';
import { idleTimeout, invalid, positiveInteger } from './option-checks.js';
import { outputToolOf } from './output-tool.js';

/**
 * Declares an agent. Checks the configuration (a clear `UserInputError` naming the bad field), converts the
 * tool schemas once, and returns frozen data plus a typed event emitter. Running it is `run()` or `stream()`.
 * @example
 * const agent = defineAgent({ name: 'calc', instructions: 'Use the tools.', tools: { add }, model });
 * const result = await run(agent, 'What is 2 + 3?');
 */
export function defineAgent<
  Tools extends ToolSet = Record<never, never>,
  Schema extends ToolSchema | undefined = undefined,
>(config: AgentConfig<Tools, Schema>): Agent<Tools, OutputOf<Schema>> {
  if (typeof config !== 'object' || config === null) {
    throw invalid('config', 'defineAgent() needs a configuration object.', 'Pass { name, model, ... }.');
  }
  if (typeof config.name !== 'string' || config.name.trim() === '') {
    throw invalid(
      'name',
      'The agent needs a non-empty name.',
      'Add name: "support-bot" (used in events and logs).',
    );
  }
  const where = `agent "${config.name}"`;
  if ((config.model === undefined) === (config.router === undefined)) {
    throw invalid(
      'model',
      `${where} needs exactly one of model or router, but got ${config.model ? 'both' : 'neither'}.`,
      'Pass model: createMistral()(id) for one model, or router: createRouter(...) for a model per turn.',
    );
  }
  if (
    config.model &&
    (typeof config.model.generate !== 'function' || typeof config.model.stream !== 'function')
  ) {
    throw invalid(
      'model',
      `${where}: model is not a Model.`,
      'Pass a model from createMistral() or FakeModel.',
    );
  }
  if (config.router && typeof config.router.select !== 'function') {
    throw invalid('router', `${where}: router has no select().`, 'Pass a router from createRouter().');
  }
  if (config.instructions !== undefined && typeof config.instructions !== 'string') {
    throw invalid(
      'instructions',
      `${where}: instructions must be a string.`,
      'Pass the system prompt as text.',
    );
  }
  const tools = (config.tools ?? {}) as Tools;
  const outputTool = outputToolOf(tools, config.output);
  const specs = toToolSpecs(tools);
  const toolSpecs = Object.freeze(outputTool ? [...specs, outputTool.spec] : specs);
  // With tools the schema travels as the output tool instead (La Plateforme rejects json_schema with tools).
  const responseFormat =
    config.output === undefined || outputTool ? undefined : toResponseFormat(config.name, config.output);
  const reserveOutput = config.context?.reserveOutput;
  const agent: Agent<Tools, OutputOf<Schema>> = {
    name: config.name,
    instructions: config.instructions,
    tools: Object.freeze({ ...tools }),
    model: config.model,
    router: config.router,
    memory: config.memory,
    context: Object.freeze({ ...config.context }),
    maxSteps: positiveInteger(config.maxSteps, 10, 'maxSteps', where),
    output: config.output as ToolSchema<OutputOf<Schema>> | undefined,
    settings: Object.freeze({ ...config.settings }),
    toolConcurrency: positiveInteger(config.toolConcurrency, 4, 'toolConcurrency', where),
    toolTimeoutMs: positiveInteger(config.toolTimeoutMs, 60_000, 'toolTimeoutMs', where),
    modelIdleTimeoutMs: idleTimeout(config.modelIdleTimeoutMs, DEFAULT_MODEL_IDLE_TIMEOUT_MS, where),
    toolOutputLimit: positiveInteger(config.toolOutputLimit, 20_000, 'toolOutputLimit', where),
    maxToolCallsPerStep: positiveInteger(config.maxToolCallsPerStep, 64, 'maxToolCallsPerStep', where),
    maxToolArgumentBytes: positiveInteger(
      config.maxToolArgumentBytes,
      1_048_576,
      'maxToolArgumentBytes',
      where,
    ),
    toolErrorBudget: Object.freeze({
      consecutive: positiveInteger(
        config.toolErrorBudget?.consecutive,
        3,
        'toolErrorBudget.consecutive',
        where,
      ),
      total: positiveInteger(config.toolErrorBudget?.total, 5, 'toolErrorBudget.total', where),
    }),
    prices: config.prices ?? DEFAULT_PRICES,
    toolSpecs,
    responseFormat,
    outputTool,
    events: new EventEmitter<AgentEventListeners<Tools>>(),
  };
  if (reserveOutput !== undefined) positiveInteger(reserveOutput, 0, 'context.reserveOutput', where);
  if (config.context?.contextWindow !== undefined) {
    positiveInteger(config.context.contextWindow, 0, 'context.contextWindow', where);
  }
  return Object.freeze(agent);
}

function toResponseFormat(agentName: string, schema: ToolSchema): ResponseFormat {
  // Mistral's json_schema name allows letters, digits, underscores and dashes.
  const name = agentName.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return {
    type: 'json_schema',
    name,
    schema: toJsonSchema(schema, 'output', { objectRoot: false }),
    strict: true,
  };
}

/** The default of `modelIdleTimeoutMs`: twice the adapters' own 60 s limits, so theirs fire first. */
const DEFAULT_MODEL_IDLE_TIMEOUT_MS = 120_000;
