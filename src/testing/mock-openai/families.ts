/**
 * What differs between the servers the OpenAI-dialect mock imitates: `/v1/models` entries, error bodies,
 * tool-call ids, the reasoning field, and the rejection rules each server documents. Sources are listed in
 * docs/providers.md next to the adapter's dialect table.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import { validationError } from '../mock-server/error-bodies.js';
import type { MockRawReply, MockRequestBody } from '../mock-server/types.js';
import type { MockOpenAIModel } from './types.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

/** `{error:{message,type,param,code}}`: OpenAI's shape, used by vLLM >= 0.10.1, llama.cpp, LM Studio, Ollama. */
export function openAIErrorBody(
  message: string,
  type: string,
  code: string | number | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

/** A tool-call id in the style the family's server generates (any form is valid on these servers). */
export function toolCallIdFor(family: OpenAICompatibleFamily): string {
  switch (family) {
    case 'vllm':
      return `chatcmpl-tool-${randomBytes(16).toString('hex')}`;
    case 'openai':
      return `call_${randomText(24)}`;
    case 'ollama':
      return `call_${randomText(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'lmstudio':
      return randomText(9, '0123456789');
    case 'llamacpp':
      return randomText(32);
    default:
      return randomText(9);
  }
}

/** Where the family puts reasoning text in a message or delta (OpenAI itself sends none). */
export function reasoningFieldFor(
  family: OpenAICompatibleFamily,
): 'reasoning_content' | 'reasoning' | undefined {
  if (family === 'vllm' || family === 'llamacpp') return 'reasoning_content';
  if (family === 'ollama' || family === 'lmstudio') return 'reasoning';
  return undefined;
}

/** One `/v1/models` entry as the family's server writes it. */
export function modelCard(
  family: OpenAICompatibleFamily,
  model: MockOpenAIModel,
  created: number,
): Record<string, unknown> {
  const base = { id: model.id, object: 'model', created };
  switch (family) {
    case 'vllm':
      return {
        ...base,
        owned_by: 'vllm',
        root: model.id,
        parent: null,
        max_model_len: model.contextWindow ?? null,
      };
    case 'ollama':
      return { ...base, owned_by: 'library' };
    case 'lmstudio':
      return { id: model.id, object: 'model', owned_by: 'organization_owner' };
    case 'llamacpp':
      return {
        ...base,
        owned_by: 'llamacpp',
        architecture: {
          input_modalities: model.vision ? ['text', 'image'] : ['text'],
          output_modalities: ['text'],
        },
        // n_ctx_train is the training context, not the served one; the adapter does not read it as the window.
        meta: { n_ctx_train: 131_072, n_vocab: 131_072 },
      };
    default:
      return { ...base, owned_by: family === 'openai' ? 'system' : 'organization' };
  }
}

/** The family's answer to a request for a model it does not serve. */
export function modelNotFound(family: OpenAICompatibleFamily, id: string): MockRawReply {
  switch (family) {
    case 'vllm':
      return {
        status: 404,
        body: openAIErrorBody(`The model \`${id}\` does not exist.`, 'NotFoundError', 404),
      };
    case 'ollama':
      return {
        status: 404,
        body: openAIErrorBody(`model "${id}" not found, try pulling it first`, 'api_error', null),
      };
    case 'lmstudio':
      return {
        status: 404,
        body: openAIErrorBody(
          `Model "${id}" not found. Please specify a valid model.`,
          'invalid_request_error',
          'model_not_found',
          'model',
        ),
      };
    default:
      return {
        status: 404,
        body: openAIErrorBody(
          `The model \`${id}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      };
  }
}

/** The family's answer when prompt (plus requested output) exceeds the window, or undefined if it truncates. */
export function contextOverflow(
  family: OpenAICompatibleFamily,
  promptTokens: number,
  maxTokens: number,
  window: number,
): MockRawReply | undefined {
  if (family === 'vllm' && promptTokens + maxTokens > window) {
    const message =
      `This model's maximum context length is ${window} tokens. However, you requested ${promptTokens + maxTokens} tokens ` +
      `(${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`;
    return { status: 400, body: openAIErrorBody(message, 'BadRequestError', 400) };
  }
  if (family === 'llamacpp' && promptTokens > window) {
    const message = `request (${promptTokens} tokens) exceeds the available context size (${window} tokens), try increasing it`;
    return {
      status: 400,
      body: {
        error: {
          code: 400,
          message,
          type: 'exceed_context_size_error',
          n_prompt_tokens: promptTokens,
          n_ctx: window,
        },
      },
    };
  }
  return undefined;
}

/** The family's documented rejection of request fields it does not accept, if any. */
export function rejectFields(
  family: OpenAICompatibleFamily,
  body: MockRequestBody,
): MockRawReply | undefined {
  if (family === 'openai' && body.max_tokens !== undefined) {
    const message =
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    return {
      status: 400,
      body: openAIErrorBody(message, 'invalid_request_error', 'unsupported_parameter', 'max_tokens'),
    };
  }
  if (family === 'generic') {
    // The cautious family behaves like the strictest server we know (Mistral's API): unknown fields are 422.
    for (const field of ['stream_options', 'max_completion_tokens'] as const) {
      if (body[field] === undefined) continue;
      const detail = [
        {
          type: 'extra_forbidden',
          loc: ['body', field],
          msg: 'Extra inputs are not permitted',
          input: body[field],
        },
      ];
      return validationError(detail);
    }
  }
  return undefined;
}

/** The family's 401 body. */
export function unauthorized(family: OpenAICompatibleFamily, presented: string | undefined): MockRawReply {
  const shown = presented ? `${presented.slice(0, 3)}***${presented.slice(-2)}` : 'none';
  const message = family === 'openai' ? `Incorrect API key provided: ${shown}.` : 'Unauthorized';
  return { status: 401, body: openAIErrorBody(message, 'invalid_request_error', 'invalid_api_key') };
}
