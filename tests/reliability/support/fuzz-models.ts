/**
 * Both adapters pointed at a raw server, with no retries and a short start timeout, plus the property every
 * fuzz case must hold: an answer with a sane shape, or a typed dragoman error, never anything else.
 */
import { expect } from 'vitest';
import { isDragomanError } from '../../../src/errors.js';
import { createMistral } from '../../../src/models/mistral/index.js';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import type { Model, ModelResponse, StreamDelta } from '../../../src/models/types.js';
import { FAKE_API_KEY } from './fake-key.js';
import type { ProviderKind } from './providers.js';

/**
 * A model of `kind` calling `url` (a raw server), without retries, and with a short start timeout so that
 * fuzz cases whose server never answers end quickly. Cases that must not time out pass a longer one.
 */
export function rawModel(kind: ProviderKind, url: string, timeoutMs = 2_000): Model {
  const common = { apiKey: FAKE_API_KEY, timeoutMs, retry: { maxRetries: 0 } };
  if (kind === 'mistral') return createMistral({ serverURL: url, ...common })('mistral-small-latest');
  return openaiCompatible({ baseURL: `${url}/v1`, model: 'mistral-small-latest', family: 'vllm', ...common });
}

const deltaTypes = new Set(['text-delta', 'thinking-delta', 'tool-call-delta', 'finish']);

/** Checks a response has the neutral shape the loop relies on. */
export function expectSaneResponse(response: ModelResponse): void {
  expect(response.message.role).toBe('assistant');
  const content = response.message.content;
  expect(typeof content === 'string' || Array.isArray(content)).toBe(true);
  for (const call of response.message.toolCalls ?? []) {
    expect(typeof call.id).toBe('string');
    expect(typeof call.name).toBe('string');
    expect(typeof call.arguments).toBe('string');
  }
  for (const value of [
    response.usage.promptTokens,
    response.usage.completionTokens,
    response.usage.totalTokens,
  ]) {
    expect(Number.isFinite(value)).toBe(true);
  }
  expect(typeof response.finishReason).toBe('string');
}

/** The fuzz property: the call answered sanely, or failed with a DragomanError. */
export function expectAnswerOrTypedError(result: {
  response?: ModelResponse;
  error?: unknown;
  deltas: StreamDelta[];
}): void {
  for (const delta of result.deltas) expect(deltaTypes.has(delta.type)).toBe(true);
  if (result.error !== undefined) {
    expect(isDragomanError(result.error), `not a DragomanError: ${String(result.error)}`).toBe(true);
    expect(String((result.error as Error).message)).not.toContain(FAKE_API_KEY);
    return;
  }
  expect(result.response).toBeDefined();
  expectSaneResponse(result.response as ModelResponse);
}
