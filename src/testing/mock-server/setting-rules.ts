import type { MockErrorResponse } from './error-bodies.js';
import { jsonSchemaWithToolsError, promptModeError, reasoningEffortError } from './rule-errors.js';
import type { MockModelInfo, MockRequestBody } from './types.js';

/**
 * R21, R22, R24: `reasoning_effort` only with the values the model takes (Small 4 and Medium 3.5: `none` and
 * `high`; models without adjustable reasoning: none at all), `prompt_mode: "reasoning"` never, and a
 * `json_schema` response format never together with tools.
 */
export function checkSettings(
  body: MockRequestBody,
  model: MockModelInfo | undefined,
): MockErrorResponse | undefined {
  if (body.prompt_mode === 'reasoning') return promptModeError();
  const format = body.response_format as { type?: unknown } | null | undefined;
  if (format?.type === 'json_schema' && Array.isArray(body.tools) && body.tools.length > 0) {
    return jsonSchemaWithToolsError();
  }
  const effort = body.reasoning_effort;
  if (typeof effort !== 'string' || model === undefined) return undefined;
  const allowed = model.reasoningEfforts ?? [];
  return allowed.includes(effort) ? undefined : reasoningEffortError(effort, allowed);
}
