/**
 * An agent with tools and an output schema answers through the `final_answer` output tool, over real HTTP
 * against the strict mock servers. The Mistral mock refuses `json_schema` together with tools (R24), so every
 * passing run here proves the agent never sent that pair.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { OutputParseError } from '../../src/agent/errors.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { UserInputError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import type { Model } from '../../src/models/types.js';
import {
  createMockMistralServer,
  createMockOpenAIServer,
  type MockChatRequest,
  type MockReply,
  type RecordedRequest,
} from '../../src/testing/index.js';
import { tool } from '../../src/tools/tool.js';

const API_KEY = 'output-tool-key';
let close: (() => Promise<void>) | undefined;
let requests: () => readonly RecordedRequest[] = () => [];
afterEach(async () => {
  await close?.();
  close = undefined;
});

type Reply = (request: MockChatRequest) => MockReply;
const providers: Record<string, (reply: Reply) => Promise<Model>> = {
  mistral: async (reply) => {
    const server = await createMockMistralServer({ reply, apiKey: API_KEY });
    close = () => server.close();
    requests = () => server.requests;
    return createMistral({ apiKey: API_KEY, serverURL: server.url })('mistral-small-latest');
  },
  'openai-compatible': async (reply) => {
    const server = await createMockOpenAIServer({ reply, apiKey: API_KEY });
    close = () => server.close();
    requests = () => server.requests;
    return openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', apiKey: API_KEY });
  },
};

type Body = {
  messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
  tools?: Array<{ function: { name: string } }>;
} & Record<string, unknown>;
const bodies = () => requests().map((request) => request.body as Body);
const toolResults = (request: MockChatRequest) =>
  request.body
    .messages!.filter((message) => message.role === 'tool')
    .map((message) => String(message.content));

const capital = tool({
  description: 'The capital of a country.',
  parameters: z.object({ country: z.string() }),
  execute: ({ country }) => (country === 'Tunisia' ? 'Tunis' : 'unknown'),
});
const geo = z.object({ city: z.string(), country: z.string() });
const answer = { city: 'Tunis', country: 'Tunisia' };

// The scripted model: look the capital up, then answer with final_answer.
const lookUpThenAnswer: Reply = (request) =>
  toolResults(request).length === 0
    ? { toolCalls: [{ name: 'capital', arguments: { country: 'Tunisia' } }] }
    : { toolCalls: [{ name: 'final_answer', arguments: answer }] };

describe.each(Object.keys(providers))('the output tool on %s', (provider) => {
  const start = providers[provider]!;

  it('runs tool -> final_answer -> typed output, never sending a response format with tools', async () => {
    const model = await start(lookUpThenAnswer);
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    const events: AgentEvent[] = [];
    const result = await run(agent, 'Capital of Tunisia?', { onEvent: (event) => events.push(event) });
    expect(result.status).toBe('complete');
    expect(result.output).toEqual(answer);
    expect(JSON.parse(result.text)).toEqual(answer);
    for (const body of bodies()) {
      expect(body.response_format).toBeUndefined();
      expect(body.tools!.map((spec) => spec.function.name)).toEqual(['capital', 'final_answer']);
      expect(body.tool_choice).toBe(provider === 'mistral' ? 'any' : 'required');
    }
    // The output tool is the run's answer, not a tool call event; the real tool is.
    const called = events.flatMap((event) => (event.type === 'tool-call-end' ? [event.toolName] : []));
    expect(called).toEqual(['capital']);
    expect(result.steps.map((step) => step.toolCalls.length)).toEqual([1, 0]);
    // Every call of the stored turn is answered by exactly one tool message.
    expect(result.newMessages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
  });

  it('sends a bad final answer back as a tool error the model corrects on the next step', async () => {
    const model = await start((request) => {
      const results = toolResults(request);
      if (results.length === 0) return { toolCalls: [{ name: 'final_answer', arguments: { city: 7 } }] };
      return { toolCalls: [{ name: 'final_answer', arguments: answer }] };
    });
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    const events: AgentEvent[] = [];
    const result = await run(agent, 'Capital of Tunisia?', { onEvent: (event) => events.push(event) });
    expect(result.output).toEqual(answer);
    const error = bodies()[1]!.messages.at(-1)!;
    expect(error.role).toBe('tool');
    expect(String(error.content)).toMatch(/final_answer.*do not match the answer's schema[\s\S]*city/);
    const ends = events.filter((event) => event.type === 'tool-call-end');
    expect(ends).toMatchObject([{ toolName: 'final_answer', valid: false, isError: true }]);
  });

  it('fails with the tool error budget when the final answer stays bad', async () => {
    const model = await start(() => ({ toolCalls: [{ name: 'final_answer', arguments: '{not json' }] }));
    const agent = defineAgent({
      name: 'geo',
      model,
      tools: { capital },
      output: geo,
      toolErrorBudget: { consecutive: 2 },
    });
    await expect(run(agent, 'Capital?')).rejects.toMatchObject({ name: 'ToolBudgetError' });
    expect(requests()).toHaveLength(2);
  });

  it('falls back to parsing a plain-text answer, and fails with OutputParseError when it is not JSON', async () => {
    const model = await start((request) =>
      String(request.body.messages!.at(-1)!.content).includes('json')
        ? { text: JSON.stringify(answer) }
        : { text: 'Tunis, I think.' },
    );
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    expect((await run(agent, 'answer in json')).output).toEqual(answer);
    await expect(run(agent, 'answer in prose')).rejects.toBeInstanceOf(OutputParseError);
  });

  it('streams the same run', async () => {
    const model = await start(lookUpThenAnswer);
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    const events = stream(agent, 'Capital of Tunisia?');
    const types: string[] = [];
    for await (const event of events) types.push(event.type);
    const result = await events.result();
    expect(result.output).toEqual(answer);
    expect(types.filter((type) => type === 'tool-call-end')).toHaveLength(1);
    expect(types.at(-1)).toBe('run-end');
    expect(bodies().every((body) => body.stream === true && body.response_format === undefined)).toBe(true);
  });

  it('does not run other calls of the answering reply, and the next turn still compiles', async () => {
    const ran: string[] = [];
    const logged = tool({
      description: 'Log a note.',
      parameters: z.object({ note: z.string() }),
      execute: ({ note }) => {
        ran.push(note);
        return 'logged';
      },
    });
    const model = await start((request) =>
      request.body.messages!.filter((message) => message.role === 'user').length > 1
        ? { toolCalls: [{ name: 'final_answer', arguments: { city: 'Paris', country: 'France' } }] }
        : {
            toolCalls: [
              { name: 'logged', arguments: { note: 'late' } },
              { name: 'final_answer', arguments: answer },
            ],
          },
    );
    const memory = new InMemoryStore();
    const agent = defineAgent({ name: 'geo', model, memory, tools: { capital, logged }, output: geo });
    const first = await run(agent, 'Capital of Tunisia?', { session: 's' });
    expect(first.output).toEqual(answer);
    expect(ran).toEqual([]);
    expect(first.steps[0]!.toolCalls).toMatchObject([
      { toolName: 'logged', valid: true, isError: true, result: expect.stringMatching(/^Not executed/) },
    ]);
    const second = await run(agent, 'And France?', { session: 's' });
    expect(second.output).toEqual({ city: 'Paris', country: 'France' });
    // Mistral takes no user turn right after a tool message: its compiler bridges with an assistant one.
    const bridge = provider === 'mistral' ? ['assistant'] : [];
    const sent = bodies()[1]!.messages;
    expect(sent.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      ...bridge,
      'user',
    ]);
  });

  it('wraps a non-object output schema in { value } and unwraps the answer', async () => {
    const model = await start(() => ({
      toolCalls: [{ name: 'final_answer', arguments: { value: ['Tunis', 'Sfax'] } }],
    }));
    const agent = defineAgent({ name: 'cities', model, tools: { capital }, output: z.array(z.string()) });
    const result = await run(agent, 'Two Tunisian cities?');
    expect(result.output).toEqual(['Tunis', 'Sfax']);
    expect(result.text).toBe('["Tunis","Sfax"]');
    const spec = (bodies()[0]!.tools as Array<{ function: { name: string; parameters: unknown } }>).at(-1)!;
    expect(spec.function.parameters).toMatchObject({
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'array' } },
    });
  });
});

describe('the output tool', () => {
  it('pauses for approval and answers through final_answer after the resume (Mistral)', async () => {
    const model = await providers.mistral!((request) =>
      toolResults(request).length === 0
        ? { toolCalls: [{ name: 'capital', arguments: { country: 'Tunisia' } }] }
        : { toolCalls: [{ name: 'final_answer', arguments: answer }] },
    );
    const guarded = tool({ ...capital, needsApproval: true });
    const agent = defineAgent({ name: 'geo', model, tools: { capital: guarded }, output: geo });
    const paused = await run(agent, 'Capital of Tunisia?');
    if (paused.status !== 'pending-approval') throw new Error('expected a pause');
    const resumed = await run(agent, {
      resume: paused.state,
      approvals: { [paused.pendingApprovals[0]!.toolCallId]: { approved: true } },
    });
    expect(resumed.status).toBe('complete');
    expect(resumed.output).toEqual(answer);
  });

  it('keeps a toolChoice the run set, and forces the output tool after a named first choice', async () => {
    const model = await providers.mistral!(lookUpThenAnswer);
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    await run(agent, 'Capital?', { settings: { toolChoice: { name: 'capital' } } });
    expect(bodies().map((body) => body.tool_choice)).toEqual([
      { type: 'function', function: { name: 'capital' } },
      'any',
    ]);
  });

  it("keeps a run's 'auto' on every step, and parses the text answer it allows", async () => {
    const model = await providers.mistral!((request) =>
      toolResults(request).length === 0
        ? { toolCalls: [{ name: 'capital', arguments: { country: 'Tunisia' } }] }
        : { text: JSON.stringify(answer) },
    );
    const agent = defineAgent({ name: 'geo', model, tools: { capital }, output: geo });
    const result = await run(agent, 'Capital?', { settings: { toolChoice: 'auto' } });
    expect(result.output).toEqual(answer);
    expect(bodies().map((body) => [body.tool_choice, body.response_format])).toEqual([
      ['auto', undefined],
      ['auto', undefined],
    ]);
  });

  it('refuses an agent whose own tool is named final_answer', () => {
    const make = () =>
      defineAgent({
        name: 'geo',
        model: createMistral({ apiKey: API_KEY })('mistral-small-latest'),
        tools: { final_answer: capital },
        output: geo,
      });
    expect(make).toThrow(UserInputError);
    expect(make).toThrow(/tools\.final_answer.*"final_answer"/);
  });
});
