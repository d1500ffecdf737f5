import { expect } from 'vitest';
import { isDragomanError } from '../../../src/errors.js';
import type { Model, ModelRequest, ModelResponse, StreamDelta } from '../../../src/models/types.js';
import type { Outcome } from './fault-cases.js';

/** One user turn, the request every wire scenario sends. */
export const helloRequest: ModelRequest = { messages: [{ role: 'user', content: 'Hello' }] };

/** Calls the model once, in `mode`, and returns the response or the error. */
export async function callOnce(
  model: Model,
  mode: 'generate' | 'stream',
  request: ModelRequest = helloRequest,
  signal?: AbortSignal,
): Promise<{ response?: ModelResponse; error?: unknown; deltas: StreamDelta[] }> {
  const deltas: StreamDelta[] = [];
  try {
    if (mode === 'generate') {
      const response = await model.generate(request, signal ? { signal } : {});
      return { response, deltas };
    }
    for await (const delta of model.stream(request, signal ? { signal } : {})) deltas.push(delta);
    const last = deltas.at(-1);
    return last?.type === 'finish'
      ? { response: last.response, deltas }
      : { error: new Error('no finish delta'), deltas };
  } catch (error) {
    return { error, deltas };
  }
}

/** Asserts that `error` is the typed error `outcome` describes. */
export function expectTypedError(error: unknown, outcome: Extract<Outcome, { ok: false }>): void {
  expect(isDragomanError(error), `expected a DragomanError, got ${String(error)}`).toBe(true);
  const typed = error as Record<string, unknown>;
  expect(typed.name).toBe(outcome.name);
  expect(outcome.codes).toContain(typed.code);
  if (outcome.status !== undefined) expect(typed.status).toBe(outcome.status);
  if ('retryAfterMs' in outcome) expect(typed.retryAfterMs).toBe(outcome.retryAfterMs);
  if (outcome.retryable !== undefined) expect(typed.retryable).toBe(outcome.retryable);
  expect(String(typed.message).length).toBeGreaterThan(20);
}

/** Asserts a call ended as `outcome` says: a text answer, or the typed error. */
export function expectOutcome(result: { response?: ModelResponse; error?: unknown }, outcome: Outcome): void {
  if (outcome.ok) {
    expect(result.error).toBeUndefined();
    expect(result.response?.message.content).toBeTruthy();
    expect(Number.isFinite(result.response?.usage.totalTokens)).toBe(true);
  } else {
    expect(result.response).toBeUndefined();
    expectTypedError(result.error, outcome);
  }
}
