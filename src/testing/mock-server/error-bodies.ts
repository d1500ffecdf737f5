/**
 * Error bodies the mock server answers with. Where a body was recorded from the real API (the recordings
 * docs/mistral-wire-rules.md calls REC), it is reproduced byte for byte (tests compare them); the recording
 * each one mirrors is named next to it. Where no recording exists, the body is kept minimal and says so.
 */

/** An HTTP status with the JSON (or text) body to send. */
export interface MockErrorResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The body shape of Mistral's current errors. */
export interface MistralErrorBody {
  object: 'error';
  message: unknown;
  type: string;
  param: null;
  code: string | null;
}

function mistralError(message: unknown, type: string, code: string | null): MistralErrorBody {
  return { object: 'error', message, type, param: null, code };
}

/** A role-order error (code 3230). Mirrors `400.message-order.user-after-tool.3230.2025-12.json`. */
export function unexpectedRoleError(role: string, previousRole: string): MockErrorResponse {
  const message = `Unexpected role '${role}' after role '${previousRole}'`;
  return { status: 400, body: mistralError(message, 'invalid_request_message_order', '3230') };
}

/** The last message is an assistant message without `prefix: true` (code 3230). */
export function lastRoleError(role: string): MockErrorResponse {
  // Mirrors 400.message-order.last-role-assistant.3230.2025-10.json.
  const message = `Expected last role User or Tool (or Assistant with prefix True) for serving but got ${role}`;
  return { status: 400, body: mistralError(message, 'invalid_request_message_order', '3230') };
}

/** A tool call id that is not 9 characters of [A-Za-z0-9] (code 3280). */
export function toolCallIdError(id: string): MockErrorResponse {
  // Mirrors 400.tool-call-id-format.3280.2026-09.json (`null` for a missing id, as in the 2024-05 legacy body).
  const message = `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`;
  return { status: 400, body: mistralError(message, 'invalid_function_call', '3280') };
}

/** A tool message without `tool_call_id`. Mirrors `400.legacy.tool-call-id-missing.2025-02.json`. */
export function toolCallIdMissingError(): MockErrorResponse {
  return {
    status: 400,
    body: mistralError('Tool call id has to be defined.', 'invalid_request_error', null),
  };
}

/** An assistant message with neither content nor tool calls. Mirrors `400.legacy.assistant-empty.2025-06.json`. */
export function assistantEmptyError(): MockErrorResponse {
  const message = 'Assistant message must have either content or tool_calls, but not none.';
  return { status: 400, body: mistralError(message, 'invalid_request_error', null) };
}

/**
 * Tool calls and tool results do not pair up one to one. No recording exists; the wording is the one users
 * quote from the API for this case, in the current body shape.
 */
export function unansweredToolCallError(): MockErrorResponse {
  const message = 'Not the same number of function calls and responses';
  return { status: 400, body: mistralError(message, 'invalid_request_message_order', '3230') };
}

/** More images than the API accepts in one request. No recording exists: a minimal body. */
export function tooManyImagesError(count: number, limit: number): MockErrorResponse {
  const message = `Too many images in request: ${count}, the maximum is ${limit}.`;
  return { status: 400, body: mistralError(message, 'invalid_request_error', null) };
}

/**
 * The prompt does not fit the model's window. No recording exists (see the fixtures README): the message and
 * `type` follow the form quoted in third-party tests; `code` is unknown, so it is null.
 */
export function contextOverflowError(promptTokens: number, contextWindow: number): MockErrorResponse {
  const message = `Prompt contains ${promptTokens} tokens and 0 draft tokens, too large for model with ${contextWindow} maximum context length`;
  return { status: 400, body: mistralError(message, 'invalid_request_message_error', null) };
}

/**
 * A retired or unknown model: 400 `invalid_model` (1500), as the API answers (R28 in docs/mistral-wire-rules.md:
 * the body users quote for magistral-medium-2509, pixtral-large-latest, codestral-mamba-latest and mistral-tiny,
 * mistralai/mistral-vibe#617), with the `raw_status_code` newer bodies carry.
 */
export function invalidModelError(model: string): MockErrorResponse {
  const body = { ...mistralError(`Invalid model: ${model}`, 'invalid_model', '1500'), raw_status_code: 400 };
  return { status: 400, body };
}

/** One pydantic-style validation entry inside a 422 body. */
export interface ValidationDetail {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
}

/** A 422 in the wrapped form the API uses. Mirrors `422.extra-forbidden.max_completion_tokens.2025-12.json`. */
export function validationError(detail: ValidationDetail[]): MockErrorResponse {
  return { status: 422, body: mistralError({ detail }, 'invalid_request_error', null) };
}

/** Missing or wrong API key. Mirrors `401.unauthorized.detail.2025-06.json`. */
export function unauthorizedError(): MockErrorResponse {
  return { status: 401, body: { detail: 'Unauthorized' } };
}

/** Rate limited (code 1300). Mirrors `429.rate-limited.1300.2026-02.json`. */
export function rateLimitedError(): MockErrorResponse {
  return { status: 429, body: mistralError('Rate limit exceeded', 'rate_limited', '1300') };
}

/** Unknown path: FastAPI's default 404 body. */
export function notFoundError(): MockErrorResponse {
  return { status: 404, body: { detail: 'Not Found' } };
}

/** Known path, wrong method: FastAPI's default 405 body. */
export function methodNotAllowedError(): MockErrorResponse {
  return { status: 405, body: { detail: 'Method Not Allowed' } };
}

const serverErrorMessages: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** The default body for a status fault. 5xx bodies were never recorded: those are minimal. */
export function defaultErrorForStatus(status: number): MockErrorResponse {
  if (status === 401) return unauthorizedError();
  if (status === 429) return rateLimitedError();
  if (status === 404) return { status, body: invalidModelError('unknown-model').body };
  const message = serverErrorMessages[status] ?? `Error ${status}`;
  return { status, body: mistralError(message, 'server_error', null) };
}
