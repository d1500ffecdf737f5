import { DEFAULT_CONTEXT_WINDOW, lookupModel } from '../models/catalog/index.js';
import type { Message, Model } from '../models/types.js';
import type { ModelSubstitution, RouteCallSettings, RouteDecision } from '../routing/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';

/** The model for one step, with what the loop reports about the choice. */
export interface StepModel {
  model: Model;
  contextWindow: number;
  /** Absent for agents with a fixed model. */
  decision?: RouteDecision;
  substitution?: ModelSubstitution;
  /** The route's own instructions, prefix and sampling. */
  call?: RouteCallSettings;
}

/**
 * Picks the model for the next step: the router's choice, or the agent's fixed model with its window from
 * the catalog (or `context.contextWindow`, which wins in both cases).
 */
export async function selectModel(
  agent: Agent<ToolSet, unknown>,
  messages: readonly Message[],
  previous: RouteDecision | undefined,
  signal: AbortSignal,
): Promise<StepModel> {
  const override = agent.context.contextWindow;
  if (agent.router === undefined) {
    const model = agent.model as Model;
    return {
      model,
      contextWindow: override ?? lookupModel(model.id)?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    };
  }
  const input = { messages, needsTools: agent.toolSpecs.length > 0, ...(previous ? { previous } : {}) };
  const selection = await agent.router.select(input, { signal });
  return {
    model: selection.model,
    contextWindow: override ?? selection.contextWindow,
    decision: selection.decision,
    ...(selection.substitution ? { substitution: selection.substitution } : {}),
    ...(selection.call ? { call: selection.call } : {}),
  };
}
