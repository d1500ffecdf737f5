import type { ModelDeprecationWarning } from '../models/catalog/index.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';

/**
 * The warning for a response that says its model is deprecated, or `undefined` when it was already given.
 * With a router, its catalog remembers which models it warned about (once per router); with a fixed model,
 * `warned` does (once per run).
 */
export function deprecationWarning(
  agent: Agent<ToolSet, unknown>,
  modelId: string,
  date: string,
  warned: Set<string>,
): ModelDeprecationWarning | undefined {
  if (agent.router?.noteDeprecation) return agent.router.noteDeprecation(modelId, date);
  if (warned.has(modelId)) return undefined;
  warned.add(modelId);
  return {
    model: modelId,
    deprecation: date,
    message: `Model ${modelId} is deprecated (retirement date ${date}). Move the agent to a current model before then.`,
  };
}
