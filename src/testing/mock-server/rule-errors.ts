/**
 * Error answers for the acceptance rules that have no body recorded from the real API (REC in
 * docs/mistral-wire-rules.md).
 * Each keeps the API's current body shape (`{object, message, type, param, code}`); the message is the wording
 * mistral-common's validator or a quoted API error uses, named next to each function. See
 * docs/mistral-wire-rules.md for the rule each one answers.
 * @module
 */
import type { MistralErrorBody, MockErrorResponse } from './error-bodies.js';

function badRequest(message: string, type: string, code: string | null): MockErrorResponse {
  const body: MistralErrorBody = { object: 'error', message, type, param: null, code };
  return { status: 400, body };
}

/** R1/R2: no messages, or a single message that is not user or system (mistral-common's wording). */
export function conversationStartError(empty: boolean): MockErrorResponse {
  const message = empty
    ? 'Conversation must have at least one message'
    : 'Conversation must start with a user message or system message';
  return badRequest(message, 'invalid_request_message_order', '3230');
}

/** R10: `prefix: true` on a message that is not the last one, or a prefix message without content. */
export function prefixError(): MockErrorResponse {
  return badRequest(
    'Assistant message with prefix True must be last message',
    'invalid_request_message_order',
    '3230',
  );
}

/** R13/R15: a function name outside `^[a-zA-Z0-9_-]{1,64}$` (mistral-common's wording). */
export function functionNameError(name: string): MockErrorResponse {
  const message = `Function name was ${name} but must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.`;
  return badRequest(message, 'invalid_function_call', '3280');
}

/** R14: a tool message answering a call the previous assistant message did not make (or the first message's). */
export function unexpectedToolCallIdError(id: string): MockErrorResponse {
  return badRequest(`Unexpected tool call id ${id}`, 'invalid_request_message_order', '3230');
}

/** R14: one assistant message calls the same id twice. */
export function duplicateToolCallIdError(id: string): MockErrorResponse {
  return badRequest(`Duplicate tool call id ${id}`, 'invalid_request_message_order', '3230');
}

/** R16: tool parameters that are not a valid draft-07 JSON Schema (SylphxAI/pdf-reader-mcp#63's wording). */
export function invalidToolSchemaError(reason: string): MockErrorResponse {
  return badRequest(`Invalid tool schema: ${reason}`, 'invalid_request_error', null);
}

/** R18: a content chunk type the role does not take (mistral-common's wording). */
export function contentChunkError(role: string): MockErrorResponse {
  return badRequest(`Unexpected content chunk types in ${role} message`, 'invalid_request_error', null);
}

/** R19: an image URL that is neither http(s) nor a base64 image data URL, or one larger than 10 MB. */
export function imageError(reason: string): MockErrorResponse {
  return badRequest(reason, 'invalid_request_error', null);
}

/** R20: thinking chunks sent to a model without reasoning (suitenumerique/conversations#402). */
export function reasoningInputError(): MockErrorResponse {
  return badRequest('Reasoning input is not enabled for this model', 'invalid_request_invalid_args', '3051');
}

/** R21: a `reasoning_effort` the model does not take (architects-toolkit/SmartHopper#647). */
export function reasoningEffortError(effort: string, allowed: readonly string[]): MockErrorResponse {
  const message =
    allowed.length === 0
      ? 'reasoning_effort is not enabled for this model'
      : `reasoning_effort='${effort}' is not supported for this model. Must be one of (${allowed.join(', ')})`;
  return badRequest(message, 'invalid_request_invalid_args', '3051');
}

/** R22: `prompt_mode: "reasoning"`, rejected on every model since 2026-07 (earendil-works/pi#3096). */
export function promptModeError(): MockErrorResponse {
  return badRequest(
    'Reasoning prompt mode is not enabled for this model',
    'invalid_request_invalid_args',
    '3051',
  );
}

/**
 * R24: `response_format` `json_schema` together with `tools`. Reported as a 400 (agno-agi/agno#2501, 2025-03;
 * WorkflowAI/WorkflowAI#687, 2025-07) but no error body was ever quoted, so the wording, type and code here are
 * ours, in the shape the API used for its other 400s then (`invalid_request_error`, `code: null`).
 */
export function jsonSchemaWithToolsError(): MockErrorResponse {
  return badRequest(
    'response_format json_schema cannot be used together with tools',
    'invalid_request_error',
    null,
  );
}
