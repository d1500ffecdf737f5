import { defaultContextWindow, defaultMockModels, findModel } from './catalog.js';
import { checkContent } from './content-rules.js';
import {
  contextOverflowError,
  invalidModelError,
  type MockErrorResponse,
  validationError,
} from './error-bodies.js';
import { checkMessages } from './message-rules.js';
import { validateRequestSchema } from './schema-validation.js';
import { checkSettings } from './setting-rules.js';
import { estimatePromptTokens } from './token-estimate.js';
import { checkTools } from './tool-rules.js';
import type { MockModelInfo, MockRequestBody } from './types.js';

/** Options for {@link checkMistralRequest}. */
export interface CheckRequestOptions {
  /** Which endpoint the body was sent to. @default 'chat' */
  kind?: 'chat' | 'fim';
  /**
   * Known models: unknown and retired ones answer 400 `invalid_model`, each one's `contextWindow` bounds the
   * prompt, its `capabilities.reasoning` decides whether thinking chunks pass, and its `reasoningEfforts`
   * which `reasoning_effort` values do.
   */
  models?: readonly MockModelInfo[];
  /** Accept model ids the list does not name (with a 131,072-token window and no reasoning). @default false */
  acceptUnknownModels?: boolean;
  /** Counts a body's prompt tokens for the overflow rule. @default a characters/4 estimate */
  countTokens?: (body: MockRequestBody) => number;
}

/**
 * Checks a request body the way La Plateforme does and returns the error answer the API would give
 * (`{ status, body }`), or `undefined` when the request is acceptable. In order: the OpenAPI schema (422:
 * unknown fields as `extra_forbidden`, value ranges), an empty `tools` list (422), an unknown or retired model
 * (400 `invalid_model`), then the 400 rules of docs/mistral-wire-rules.md: messages (shape, role order 3230,
 * tool-call ids 3280, pairing, prefix), function names and tool schemas, content chunks (images, thinking),
 * settings (`reasoning_effort`, `prompt_mode`), and last the model's context window. Pure: the mock server
 * calls it for every completion request.
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
  if (model?.retired || (model === undefined && options.acceptUnknownModels !== true)) {
    return invalidModelError(modelId);
  }
  if (kind === 'chat') {
    const messages = request.messages ?? [];
    const error =
      checkMessages(messages) ??
      checkTools(request) ??
      checkContent(messages, model?.capabilities.reasoning === true) ??
      checkSettings(request, model);
    if (error !== undefined) return error;
  }
  const promptTokens = (options.countTokens ?? estimatePromptTokens)(request);
  const window = model?.contextWindow ?? defaultContextWindow;
  if (promptTokens > window) return contextOverflowError(promptTokens, window);
  return undefined;
}
