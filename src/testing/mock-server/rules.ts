import { defaultContextWindow, defaultMockModels, findModel } from './catalog.js';
import {
  contextOverflowError,
  invalidModelError,
  type MockErrorResponse,
  validationError,
} from './error-bodies.js';
import { checkMessages } from './message-rules.js';
import { validateRequestSchema } from './schema-validation.js';
import { estimatePromptTokens } from './token-estimate.js';
import type { MockModelInfo, MockRequestBody } from './types.js';

/** Options for {@link checkMistralRequest}. */
export interface CheckRequestOptions {
  /** Which endpoint the body was sent to. @default 'chat' */
  kind?: 'chat' | 'fim';
  /** Known models: retired ones answer 404, and each one's `contextWindow` bounds the prompt. */
  models?: readonly MockModelInfo[];
  /** Counts a body's prompt tokens for the overflow rule. @default a characters/4 estimate */
  countTokens?: (body: MockRequestBody) => number;
}

/**
 * Checks a request body the way La Plateforme does and returns the error answer the API would give
 * (`{ status, body }`), or `undefined` when the request is acceptable. In order: the OpenAPI schema (422,
 * unknown fields as `extra_forbidden`), an empty `tools` list (422), a retired model (404), the message rules
 * (400: role order 3230, tool-call ids 3280, pairing, empty assistant turns, images), and the model's
 * context window (400). Pure: the mock server calls it for every completion request.
 * @example
 * const error = checkMistralRequest({ model: 'mistral-small-latest', messages: [{ role: 'assistant', content: 'hi' }] });
 * // error?.status === 400, error.body.code === '3230'
 */
export function checkMistralRequest(
  body: unknown,
  options: CheckRequestOptions = {},
): MockErrorResponse | undefined {
  const kind = options.kind ?? 'chat';
  const details = validateRequestSchema(
    kind === 'chat' ? 'ChatCompletionRequest' : 'FIMCompletionRequest',
    body,
  );
  if (details.length > 0) return validationError(details);
  const request = body as MockRequestBody;
  if (Array.isArray(request.tools) && request.tools.length === 0) {
    // No recording of this answer exists: pydantic's wording for a list below its minimum length.
    const msg = 'List should have at least 1 item after validation, not 0';
    return validationError([{ type: 'too_short', loc: ['body', 'tools'], msg, input: [] }]);
  }
  const modelId = request.model ?? 'codestral-2404';
  const model = findModel(options.models ?? defaultMockModels, modelId);
  if (model?.retired) return invalidModelError(modelId);
  if (kind === 'chat') {
    const messageError = checkMessages(request.messages ?? []);
    if (messageError !== undefined) return messageError;
  }
  const promptTokens = (options.countTokens ?? estimatePromptTokens)(request);
  const window = model?.contextWindow ?? defaultContextWindow;
  if (promptTokens > window) return contextOverflowError(promptTokens, window);
  return undefined;
}
