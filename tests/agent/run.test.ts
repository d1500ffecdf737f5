import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentSettings } from '../../src/agent/agent.js';
import { defineAgent } from '../../src/agent/define-agent.js';
import { MaxStepsError, OutputParseError, ToolBudgetError } from '../../src/agent/errors.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { AbortError, ApiError } from '../../src/errors.js';
import type { Message, Model, ModelRequest } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { PROMPT_OVERHEAD_TOKENS } from '../../src/tokens/chat-template.js';
import { defaultTokenCounter } from '../../src/tokens/default-counter.js';
import { createEstimatingCounter } from '../../src/tokens/token-counter.js';
import { tool } from '../../src/tools/tool.js';
import type { ToolSchema, ToolSet } from '../../src/tools/types.js';

const add = tool({
  description: 'Add two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

function calculator(model: FakeModel, extra: Partial<AgentSettings<ToolSet, ToolSchema | undefined>> = {}) {
  return defineAgent({ name: 'calc', instructions: 'Use the tools.', tools: { add }, model, ...extra });
}

function longHistory(): Message[] {
  const history: Message[] = [];
  for (let turn = 0; turn < 40; turn++) {
    history.push({ role: 'user', content: `question ${turn} ${'lorem ipsum '.repeat(20)}` });
    history.push({ role: 'assistant', content: `answer ${turn} ${'dolor sit amet '.repeat(20)}` });
  }
  history.push({ role: 'user', content: 'latest question' });
  return history;
}

function record(agent: { events: { on(type: string, fn: (event: AgentEvent) => void): unknown } }) {
  const events: AgentEvent[] = [];
  for (const type of [
    'run-start',
    'step-start',
    'text-delta',
    'tool-call-start',
    'tool-call-end',
    'step-end',
    'run-end',
    'run-error',
  ]) {
    agent.events.on(type, (event) => events.push(event));
  }
  return events;
}

describe('run', () => {
  it('runs a tool, sends its result back, and returns the final answer', async () => {
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] }, { text: 'The answer is 5.' }],
    });
    const result = await run(calculator(model), 'What is 2 + 3?');
    expect(result.status).toBe('complete');
    expect(result.text).toBe('The answer is 5.');
    if (result.stopReason === 'final-answer') expect(result.output).toBe('The answer is 5.');
    const second = model.requests[1]!;
    expect(second.messages[0]).toEqual({ role: 'system', content: 'Use the tools.' });
    expect(second.messages.at(-1)).toMatchObject({ role: 'tool', name: 'add', content: '5' });
    expect(second.tools?.[0]).toMatchObject({
      name: 'add',
      parameters: { type: 'object', required: ['a', 'b'] },
    });
    expect(result.newMessages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      toolName: 'add',
      args: { a: 2, b: 3 },
      result: '5',
      isError: false,
    });
    expect(result.usage.total).toEqual({ promptTokens: 20, completionTokens: 10, totalTokens: 30 });
    expect(result.usage.byModel['fake-model']?.totalTokens).toBe(30);
  });

  it('records the model (and route) in each assistant message meta', async () => {
    const model = new FakeModel({ id: 'mistral-small-latest', steps: [{ text: 'hi' }] });
    const result = await run(calculator(model), 'hello');
    expect(result.newMessages[1]).toMatchObject({
      role: 'assistant',
      meta: { model: 'mistral-small-latest' },
    });
  });

  it('emits events in the documented order', async () => {
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] }, { text: 'two' }],
    });
    const agent = calculator(model);
    const events = record(agent);
    await run(agent, '1+1?');
    expect(events.map((event) => event.type)).toEqual([
      'run-start',
      'step-start',
      'tool-call-start',
      'tool-call-end',
      'step-end',
      'step-start',
      'text-delta',
      'step-end',
      'run-end',
    ]);
    expect(new Set(events.map((event) => event.runId)).size).toBe(1);
  });

  it('runs parallel calls concurrently within the bound and keeps results in call order', async () => {
    let running = 0;
    let peak = 0;
    const slow = tool({
      description: 'Echo after a delay.',
      parameters: z.object({ value: z.string(), delay: z.number() }),
      execute: async ({ value, delay }) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, delay));
        running--;
        return value;
      },
    });
    const calls = [30, 5, 20, 1, 10].map((delay, index) => ({
      name: 'slow',
      arguments: { value: `v${index}`, delay },
    }));
    const model = new FakeModel({ steps: [{ toolCalls: calls }, { text: 'done' }] });
    const agent = defineAgent({ name: 'p', tools: { slow }, model, toolConcurrency: 2 });
    const result = await run(agent, 'go');
    expect(peak).toBe(2);
    const toolMessages = result.newMessages.filter((message) => message.role === 'tool');
    expect(toolMessages.map((message) => message.content)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect(toolMessages.map((message) => message.role === 'tool' && message.toolCallId)).toEqual(
      result.steps[0]!.toolCalls.map((call) => call.toolCallId),
    );
  });

  it('turns bad calls into results the model reads, and goes on', async () => {
    const model = new FakeModel({
      steps: [
        {
          toolCalls: [
            { name: 'add', arguments: '{"a": 1,' },
            { name: 'mul', arguments: {} },
          ],
        },
        { toolCalls: [{ name: 'add', arguments: { a: 'one', b: 2 } }] },
        { toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] },
        { text: '3' },
      ],
    });
    const result = await run(calculator(model, { toolErrorBudget: { consecutive: 4, total: 5 } }), '1+2');
    const [badJson, unknown, badArgs] = result.newMessages.filter((message) => message.role === 'tool');
    expect(badJson).toMatchObject({ isError: true, content: expect.stringMatching(/not valid JSON/) });
    expect(unknown).toMatchObject({
      isError: true,
      content: expect.stringMatching(/Unknown tool "mul". Available tools: add/),
    });
    expect(badArgs).toMatchObject({
      isError: true,
      content: expect.stringMatching(/expected number[\s\S]*at a/),
    });
    expect(result.text).toBe('3');
  });

  it('throws ToolBudgetError when the model keeps sending broken arguments', async () => {
    const broken = { toolCalls: [{ name: 'add', arguments: '{oops' }] };
    const model = new FakeModel({ steps: [broken, broken, broken, { text: 'never' }] });
    const error = await run(calculator(model), 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolBudgetError);
    const budget = error as ToolBudgetError;
    expect(budget.failures).toEqual({ consecutive: 3, total: 3 });
    expect(budget.result.steps).toHaveLength(3);
    expect(budget.lastError).toMatch(/not valid JSON/);
    expect(model.remaining).toBe(1);
  });

  it('counts a throwing tool against the budget but resets the streak on success', async () => {
    let calls = 0;
    const flaky = tool({
      description: 'Fails every other time.',
      parameters: z.object({}),
      execute: () => {
        calls++;
        if (calls % 2 === 1) throw new Error(`flake ${calls}`);
        return 'ok';
      },
    });
    const step = { toolCalls: [{ name: 'flaky', arguments: {} }] };
    const model = new FakeModel({ steps: [step, step, step, step, { text: 'end' }] });
    const agent = defineAgent({
      name: 'f',
      tools: { flaky },
      model,
      toolErrorBudget: { consecutive: 2, total: 10 },
    });
    const result = await run(agent, 'go');
    expect(result.newMessages.filter((message) => message.role === 'tool')[0]).toMatchObject({
      isError: true,
      content: 'Tool "flaky" failed: flake 1',
    });
    expect(result.text).toBe('end');
  });

  it('throws MaxStepsError with the partial result when the model never stops calling tools', async () => {
    const step = { toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] };
    const model = new FakeModel({ steps: [step, step, step] });
    const agent = calculator(model, { maxSteps: 5 });
    const error = await run(agent, 'loop', { maxSteps: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaxStepsError);
    expect((error as MaxStepsError).maxSteps).toBe(2);
    expect((error as MaxStepsError).result.steps).toHaveLength(2);
    expect((error as MaxStepsError).result.newMessages.at(-1)).toMatchObject({ role: 'tool', content: '2' });
  });

  it('stops after a tool with endsRun, using its result as the text', async () => {
    const answer = tool({
      description: 'Give the final answer.',
      parameters: z.object({ answer: z.string() }),
      execute: ({ answer }) => ({ answer }),
      endsRun: true,
    });
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'answer', arguments: { answer: '42' } }] }],
    });
    const result = await run(defineAgent({ name: 'a', tools: { answer }, model }), 'q');
    expect(result).toMatchObject({ status: 'stopped', stopReason: 'tool', text: '{"answer":"42"}' });
    expect(model.requests).toHaveLength(1);
  });

  it('stops when stopWhen returns true', async () => {
    const step = { toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] };
    const model = new FakeModel({ steps: [step, step, step] });
    const result = await run(calculator(model), 'go', { stopWhen: ({ steps }) => steps.length === 2 });
    expect(result.stopReason).toBe('stop-when');
    expect(model.requests).toHaveLength(2);
  });

  it('parses structured output with the agent schema and sends it as json_schema', async () => {
    const model = new FakeModel({ steps: [{ text: '{"city":"Paris","population":2100000}' }] });
    const agent = defineAgent({
      name: 'geo bot',
      model,
      output: z.object({ city: z.string(), population: z.number() }),
    });
    const result = await run(agent, 'Biggest French city?');
    expect(result.stopReason === 'final-answer' && result.output).toEqual({
      city: 'Paris',
      population: 2_100_000,
    });
    expect(model.requests[0]!.settings?.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'geo_bot',
      schema: { type: 'object', required: ['city', 'population'] },
    });
  });

  it('reports an output that does not match the schema as OutputParseError', async () => {
    const model = new FakeModel({ steps: [{ text: '{"city":"Paris"}' }, { text: 'not json' }] });
    const agent = defineAgent({
      name: 'geo',
      model,
      output: z.object({ city: z.string(), population: z.number() }),
    });
    const mismatch = await run(agent, 'q').catch((caught: unknown) => caught);
    expect(mismatch).toBeInstanceOf(OutputParseError);
    expect((mismatch as OutputParseError).issues).toMatch(/population/);
    const notJson = await run(agent, 'q').catch((caught: unknown) => caught);
    expect((notJson as OutputParseError).issues).toMatch(/not valid JSON/);
    expect((notJson as OutputParseError).text).toBe('not json');
  });

  it('merges agent settings with run overrides', async () => {
    const model = new FakeModel({ steps: [{ text: 'ok' }] });
    const agent = calculator(model, { settings: { temperature: 0.2, maxTokens: 100 } });
    await run(agent, 'x', {
      settings: { temperature: 0.7, toolChoice: { name: 'add' }, parallelToolCalls: false, randomSeed: 7 },
    });
    expect(model.requests[0]!.settings).toEqual({
      temperature: 0.7,
      maxTokens: 100,
      toolChoice: { name: 'add' },
      parallelToolCalls: false,
      randomSeed: 7,
    });
  });

  it('forces a tool choice on the first call only, so the model can answer afterwards', async () => {
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] }, { text: '3' }],
    });
    await run(calculator(model), 'x', { settings: { toolChoice: { name: 'add' } } });
    expect(model.requests.map((request) => request.settings?.toolChoice)).toEqual([{ name: 'add' }, 'auto']);
  });

  it('accepts a message with image parts and a list of messages as input', async () => {
    const model = new FakeModel({ steps: [{ text: 'a cat' }, { text: 'yes' }] });
    const agent = defineAgent({ name: 'v', model });
    const image = {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is this?' },
        { type: 'image' as const, url: 'data:image/png;base64,iVBORw0KGgo=' },
      ],
    };
    const first = await run(agent, image);
    expect(model.requests[0]!.messages.at(-1)).toEqual(image);
    const history: Message[] = [...first.messages, { role: 'user', content: 'Sure?' }];
    const second = await run(agent, history);
    expect(model.requests[1]!.messages).toHaveLength(3);
    expect(second.text).toBe('yes');
  });

  it('passes the signal, session and typed context to execute', async () => {
    let seen: unknown;
    const whoami = tool({
      description: 'Who is asking.',
      parameters: z.object({}),
      execute: (_args, { context, signal, toolCallId, toolName }) => {
        seen = { context, aborted: signal.aborted, toolCallId, toolName };
        return context;
      },
    });
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'whoami', arguments: {}, id: 'abcDEF123' }] }, { text: 'ok' }],
    });
    await run(defineAgent({ name: 'w', tools: { whoami }, model }), 'who?', { context: { userId: 'u1' } });
    expect(seen).toEqual({
      context: { userId: 'u1' },
      aborted: false,
      toolCallId: 'abcDEF123',
      toolName: 'whoami',
    });
  });

  it('rejects with AbortError and aborts the running tool when the signal fires', async () => {
    let toolSignal: AbortSignal | undefined;
    const hang = tool({
      description: 'Never finishes.',
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        toolSignal = signal;
        return new Promise(() => {});
      },
    });
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'hang', arguments: {} }] }, { text: 'never' }],
    });
    const agent = defineAgent({ name: 'h', tools: { hang }, model });
    const events = record(agent);
    const controller = new AbortController();
    agent.events.on('tool-call-start', () => setTimeout(() => controller.abort(new Error('user left')), 5));
    const error = await run(agent, 'go', { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(toolSignal?.aborted).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run-error', error: { name: 'AbortError' } });
  });

  it('rejects at once when the model ignores the signal (run and stream)', async () => {
    for (const mode of ['run', 'stream'] as const) {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const deaf: Model = {
        id: 'deaf',
        provider: 'test',
        generate: async () => {
          await gate;
          throw new Error('released');
        },
        async *stream() {
          yield { type: 'text-delta', text: 'partial' };
          await gate;
          throw new Error('released');
        },
      };
      const agent = defineAgent({ name: 'deaf', model: deaf });
      const controller = new AbortController();
      const pending =
        mode === 'run'
          ? run(agent, 'x', { signal: controller.signal })
          : stream(agent, 'x', { signal: controller.signal }).result();
      setTimeout(() => controller.abort(), 10);
      await expect(pending).rejects.toBeInstanceOf(AbortError);
      release();
    }
  });

  it('rejects at once when the signal is already aborted', async () => {
    const model = new FakeModel({ steps: [{ text: 'x' }] });
    const error = await run(calculator(model), 'x', { signal: AbortSignal.abort() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(model.requests).toHaveLength(0);
  });

  it('retries once with the window the overflow error reports, dropping old turns', async () => {
    const counter = defaultTokenCounter();
    // A server that counts 25% more than we do and whose real window is what we sent: it rejects the first
    // prompt, and accepts a prompt that fits once our count is scaled by its own.
    let limit = 0;
    const server = (request: ModelRequest) => {
      const ours =
        request.messages.reduce((sum, message) => sum + counter.count(message), 0) +
        counter.countTools(request.tools ?? []) +
        PROMPT_OVERHEAD_TOKENS;
      limit ||= ours;
      const promptTokens = Math.ceil(ours * 1.25);
      if (promptTokens <= limit) return { text: 'fits now' };
      return new ApiError('context-overflow', `Prompt contains ${promptTokens} tokens, too large`, {
        status: 400,
        promptTokens,
        maxContextTokens: limit,
      });
    };
    const model = new FakeModel({ steps: [server, server] });
    const agent = calculator(model);
    const trims: AgentEvent[] = [];
    agent.events.on('context-trim', (event) => trims.push(event));
    expect((await run(agent, longHistory())).text).toBe('fits now');
    expect(model.requests[1]!.messages.length).toBeLessThan(model.requests[0]!.messages.length);
    expect(trims).toHaveLength(1);

    const stubborn = new ApiError('context-overflow', 'too large', { status: 400 });
    const twice = new FakeModel({ steps: [stubborn, stubborn, { text: 'never' }] });
    await expect(run(calculator(twice), 'hi')).rejects.toBe(stubborn);
    expect(twice.requests).toHaveLength(2);
  });

  it('fits a long history into the window and reports a context-trim event', async () => {
    const model = new FakeModel({ steps: [{ text: 'ok' }] });
    const agent = calculator(model, { context: { contextWindow: 2_000, reserveOutput: 200 } });
    const trims: AgentEvent[] = [];
    agent.events.on('context-trim', (event) => trims.push(event));
    const history = longHistory();
    await run(agent, history);
    const sent = model.requests[0]!.messages;
    expect(sent.length).toBeLessThan(history.length);
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'latest question' });
    expect(trims).toHaveLength(1);
    expect(trims[0]).toMatchObject({
      type: 'context-trim',
      step: 1,
      report: { dropped: expect.any(Number) },
    });
  });

  it('fails before calling the model when even the latest turn does not fit the window', async () => {
    const model = new FakeModel({ steps: [{ text: 'never' }] });
    const agent = calculator(model, { context: { contextWindow: 600, reserveOutput: 100 } });
    await expect(run(agent, 'word '.repeat(2_000))).rejects.toMatchObject({
      name: 'UserInputError',
      code: 'context-overflow',
    });
    expect(model.requests).toHaveLength(0);
  });

  it('feeds the provider prompt count back to a calibrating counter', async () => {
    const counter = createEstimatingCounter();
    const model = new FakeModel();
    const agent = calculator(model, { context: { counter } });
    const estimate =
      counter.count({ role: 'system', content: 'Use the tools.' }) +
      counter.count({ role: 'user', content: 'hello there' }) +
      counter.countTools(agent.toolSpecs) +
      PROMPT_OVERHEAD_TOKENS;
    model.push({ text: 'ok', usage: { promptTokens: estimate * 2 } });
    await run(agent, 'hello there');
    expect(counter.correction).toBeCloseTo(2, 5);
  });

  it('throws a UserInputError for bad input and for a session without memory', async () => {
    const agent = calculator(new FakeModel({ steps: [{ text: 'x' }] }));
    const errors: AgentEvent[] = [];
    agent.events.on('run-error', (event) => errors.push(event));
    await expect(run(agent, '')).rejects.toMatchObject({ name: 'UserInputError', path: 'input' });
    expect(errors[0]).toMatchObject({ type: 'run-error', runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await expect(run(agent, [])).rejects.toMatchObject({ name: 'UserInputError' });
    await expect(run(agent, 'x', { session: 's1' })).rejects.toThrow(/session "s1" needs a memory store/);
  });
});

describe('blank input', () => {
  it('rejects empty and whitespace-only input before any model call, naming it', async () => {
    const model = new FakeModel({ steps: [{ text: 'never' }] });
    const agent = defineAgent({ name: 'blank', model });
    await expect(run(agent, '')).rejects.toThrow('The input text is empty.');
    await expect(run(agent, '  \n\t')).rejects.toThrow('The input text is only whitespace ("  \\n\\t").');
    await expect(run(agent, { role: 'user', content: '   ' })).rejects.toThrow(
      'input is a user message with no content (empty or only whitespace).',
    );
    await expect(run(agent, [{ role: 'user', content: [] }])).rejects.toThrow(/input\[0\] is a user message/);
    expect(model.requests).toHaveLength(0);
  });
});
