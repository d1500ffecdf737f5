import { hashToolCallId } from '../models/mistral/tool-call-ids.js';
import type { ModelSettings } from '../models/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { RunSettings } from './types.js';

/**
 * The agent's settings with the run's overrides on top (unset overrides ignored) and the output format. An
 * agent that answers through its output tool gets `toolChoice: 'any'` unless one was set: the model must
 * call a tool on every step, so it cannot end with free text (which nothing would make match the schema)
 * and can only end by calling `final_answer`.
 */
export function mergeSettings(
  agent: Agent<ToolSet, unknown>,
  overrides: RunSettings | undefined,
): ModelSettings {
  const settings: ModelSettings = { ...agent.settings };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
  }
  if (agent.responseFormat) settings.responseFormat = agent.responseFormat;
  if (agent.outputTool && settings.toolChoice === undefined) settings.toolChoice = 'any';
  return settings;
}

/**
 * The settings of the steps after the first. A forced tool choice ('any', 'required', or one tool) applies
 * to the first call only: forcing it on every call would make the model call tools until maxSteps instead
 * of answering. An agent with an output tool answers through a tool, so it stays forced: `'any'` (one named
 * tool on the first call becomes `'any'` after it).
 */
export function laterStepSettings(settings: ModelSettings, hasOutputTool: boolean): ModelSettings {
  const choice = settings.toolChoice;
  if (choice === undefined || choice === 'auto' || choice === 'none') return settings;
  if (hasOutputTool) return typeof choice === 'object' ? { ...settings, toolChoice: 'any' } : settings;
  return { ...settings, toolChoice: 'auto' };
}

/**
 * The prompt-cache key of a session: stable across the session's turns, so Mistral's prompt cache (which the
 * context window keeps a stable prefix for) can hit; a hash, so the session id itself never leaves the process.
 * A key set in the agent's or the run's settings wins.
 */
export function withPromptCacheKey(
  settings: ModelSettings,
  agentName: string,
  sessionId: string | undefined,
): ModelSettings {
  if (settings.promptCacheKey !== undefined || sessionId === undefined) return settings;
  return { ...settings, promptCacheKey: `dragoman-${hashToolCallId(`${agentName}\u0000${sessionId}`)}` };
}
