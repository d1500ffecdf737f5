import type { MockErrorResponse } from './error-bodies.js';
import { promptModeError, reasoningEffortError } from './rule-errors.js';
import type { MockModelInfo, MockRequestBody } from './types.js';

/**
 * R21, R22: `reasoning_effort` only with the values the model takes (Small 4 and Medium 3.5: `none` and `high`;
 * models without adjustable reasoning: none at all), and `prompt_mode: "reasoning"` never.
 */
export function checkSettings(
  body: MockRequestBody,
  model: MockModelInfo | undefined,
): MockErrorResponse | undefined {
  if (body.prompt_mode === 'reasoning') return promptModeError();
  const effort = body.reasoning_effort;
  if (typeof effort !== 'string' || model === undefined) return undefined;
  const allowed = model.reasoningEfforts ?? [];
  return allowed.includes(effort) ? undefined : reasoningEffortError(effort, allowed);
}
