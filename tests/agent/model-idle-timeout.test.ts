/** modelIdleTimeoutMs: a model that sends nothing fails the run with a typed timeout, whatever the Model is. */
import { describe, expect, it } from 'vitest';
import { type AgentEvent, defineAgent, run, stream } from '../../src/agent/index.js';
import { ConnectionError, UserInputError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import type { CallOptions, Model, ModelResponse, StreamDelta } from '../../src/models/types.js';

const answer = (text: string): ModelResponse => ({
  message: { role: 'assistant', content: text },
  finishReason: 'stop',
  usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 },
  meta: { model: 'custom-model' },
});

const never = new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A custom Model (not one of our adapters) that hangs, ignoring its signal, and records the signals it got. */
function hangingModel(options: { textFirst?: string } = {}) {
  const signals: AbortSignal[] = [];
  const model: Model = {
    id: 'custom-model',
    provider: 'custom',
    generate(_request, callOptions?: CallOptions) {
      if (callOptions?.signal) signals.push(callOptions.signal);
      return never;
    },
    async *stream(_request, callOptions?: CallOptions): AsyncGenerator<StreamDelta> {
      if (callOptions?.signal) signals.push(callOptions.signal);
      if (options.textFirst) yield { type: 'text-delta', text: options.textFirst };
      await never;
    },
  };
  return { model, signals };
}

async function sessionWithHistory() {
  const memory = new InMemoryStore();
  await memory.append('s1', [
    { role: 'user', content: 'earlier question' },
    { role: 'assistant', content: 'earlier answer' },
  ]);
  return { memory, before: await memory.load('s1') };
}

function expectIdleTimeout(error: unknown, ms: number) {
  expect(error).toBeInstanceOf(ConnectionError);
  const timeout = error as ConnectionError;
  expect(timeout.code).toBe('timeout');
  expect(timeout.retryable).toBe(true);
  expect(timeout.message).toContain('custom-model');
  expect(timeout.message).toContain(`modelIdleTimeoutMs is ${ms}`);
}

describe('modelIdleTimeoutMs', () => {
  it('fails run() on a custom model whose generate() never settles; the stored session is unchanged', async () => {
    const { model, signals } = hangingModel();
    const { memory, before } = await sessionWithHistory();
    const agent = defineAgent({ name: 'idle', model, memory, modelIdleTimeoutMs: 50 });
    const events: AgentEvent[] = [];
    const error = await run(agent, 'hello', { session: 's1', onEvent: (event) => events.push(event) }).catch(
      (caught: unknown) => caught,
    );
    expectIdleTimeout(error, 50);
    expect(await memory.load('s1')).toEqual(before);
    expect(events.at(-1)).toMatchObject({ type: 'run-error', error });
    // The model was told: its signal aborted with the same error.
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBe(error);
  });

  it('fails stream() on a custom model that stops in the middle of its answer', async () => {
    const { model } = hangingModel({ textFirst: 'Half an ans' });
    const { memory, before } = await sessionWithHistory();
    const agent = defineAgent({ name: 'idle', model, memory, modelIdleTimeoutMs: 50 });
    const events = stream(agent, 'hello', { session: 's1' });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of events) seen.push(event.type);
    })().catch((caught: unknown) => caught);
    expectIdleTimeout(error, 50);
    expect(seen).toContain('text-delta');
    expect(seen.at(-1)).toBe('run-error');
    await expect(events.result()).rejects.toBe(error);
    expect(await memory.load('s1')).toEqual(before);
  });

  it('counts only the wait on the model: a stream consumer slower than the timeout is not a silence', async () => {
    const model: Model = {
      id: 'custom-model',
      provider: 'custom',
      generate: async () => answer('unused'),
      async *stream() {
        for (const text of ['one ', 'two ', 'three']) yield { type: 'text-delta', text };
        yield { type: 'finish', response: answer('one two three') };
      },
    };
    const agent = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 100 });
    const events = stream(agent, 'hello');
    for await (const event of events) if (event.type === 'text-delta') await sleep(250);
    expect((await events.result()).text).toBe('one two three');
  });

  it('takes retry notices as signs of life', async () => {
    const model: Model = {
      id: 'custom-model',
      provider: 'custom',
      async generate(_request, callOptions) {
        // 500 ms in all, never more than 20 ms without a notice: well inside the 300 ms timeout each time.
        for (let retry = 1; retry <= 25; retry++) {
          await sleep(20);
          callOptions?.onRetry?.({ retry, delayMs: 0, error: new Error('busy') });
        }
        return answer('finally');
      },
      stream: () => {
        throw new Error('not used');
      },
    };
    const agent = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 300 });
    const events: AgentEvent[] = [];
    const result = await run(agent, 'hello', { onEvent: (event) => events.push(event) });
    expect(result.text).toBe('finally');
    expect(events.filter((event) => event.type === 'model-retry')).toHaveLength(25);
  });

  it('is off with 0 or Infinity, and defaults to 120 s', async () => {
    const { model } = hangingModel();
    expect(defineAgent({ name: 'idle', model }).modelIdleTimeoutMs).toBe(120_000);
    const controller = new AbortController();
    const agent = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 0 });
    const running = run(agent, 'hello', { signal: controller.signal });
    await sleep(100);
    controller.abort();
    // Still waiting after 100 ms (no timeout fired); only the caller's abort ends it.
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(defineAgent({ name: 'idle', model, modelIdleTimeoutMs: Infinity }).modelIdleTimeoutMs).toBe(
      Infinity,
    );
  });

  it('refuses a negative or non-numeric value, naming the option', () => {
    const { model } = hangingModel();
    for (const bad of [-1, Number.NaN, '100' as unknown as number]) {
      expect(() => defineAgent({ name: 'idle', model, modelIdleTimeoutMs: bad })).toThrow(UserInputError);
      expect(() => defineAgent({ name: 'idle', model, modelIdleTimeoutMs: bad })).toThrow(
        /modelIdleTimeoutMs/,
      );
    }
  });

  it("takes a per-run override: a run can shorten the agent's limit, or turn it off", async () => {
    const { model } = hangingModel();
    const agent = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 60_000 });
    const error = await run(agent, 'hello', { modelIdleTimeoutMs: 40 }).catch((caught: unknown) => caught);
    expectIdleTimeout(error, 40);

    const strict = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 30 });
    const controller = new AbortController();
    const running = run(strict, 'hello', { modelIdleTimeoutMs: 0, signal: controller.signal });
    await sleep(120);
    controller.abort();
    // The agent's 30 ms limit did not fire: the run's 0 turned the watch off.
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a bad per-run value or maxSteps before the run starts, naming the option', async () => {
    const { model } = hangingModel();
    const agent = defineAgent({ name: 'idle', model });
    for (const [options, path] of [
      [{ modelIdleTimeoutMs: -5 }, 'modelIdleTimeoutMs'],
      [{ maxSteps: 0 }, 'maxSteps'],
      [{ maxSteps: 2.5 }, 'maxSteps'],
    ] as const) {
      const events: AgentEvent[] = [];
      const error = await run(agent, 'hello', { ...options, onEvent: (event) => events.push(event) }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserInputError);
      expect(error).toMatchObject({ path });
      expect((error as Error).message).toContain('run options');
      expect(events.map((event) => event.type)).toEqual(['run-error']);
    }
  });

  it('leaves the caller abort as an AbortError, not a timeout', async () => {
    const { model } = hangingModel();
    const agent = defineAgent({ name: 'idle', model, modelIdleTimeoutMs: 10_000 });
    const controller = new AbortController();
    const running = run(agent, 'hello', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(running).rejects.toMatchObject({ name: 'AbortError', code: 'aborted' });
  });
});
