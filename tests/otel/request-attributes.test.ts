/**
 * The `chat` span attributes that depend on the request sent: `gen_ai.tool.definitions` (opt-in, with
 * `captureContent`) and `gen_ai.output.type` for an agent that answers through its `final_answer` output tool.
 * Real HTTP against the mock Mistral server; spans read back from the in-memory exporter.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createTestTracing, mockMistralPerTest, weatherTool } from './support.js';

const API_KEY = 'otel-request-key';
const mockMistral = mockMistralPerTest();

const forecast = z.object({ city: z.string(), sky: z.string() });

/** Asks for the weather tool first (when tools are offered); then answers with `final` (a text, or a final_answer call). */
async function mistral(final: 'text' | 'final_answer') {
  const server = await mockMistral.start({
    apiKey: API_KEY,
    reply: (request) => {
      if (!request.body.tools?.length) return { text: 'Hello.' };
      if (request.body.messages?.at(-1)?.role !== 'tool') {
        return { toolCalls: [{ name: 'weather', arguments: { city: 'Rabat' } }] };
      }
      return final === 'text'
        ? { text: 'Sunny in Rabat.' }
        : { toolCalls: [{ name: 'final_answer', arguments: { city: 'Rabat', sky: 'sunny' } }] };
    },
  });
  return createMistral({ apiKey: API_KEY, serverURL: server.url })('mistral-small-latest');
}

const chats = (spans: ReturnType<ReturnType<typeof createTestTracing>['spans']>) =>
  spans.filter((span) => span.name.startsWith('chat '));

describe('gen_ai.tool.definitions', () => {
  it('lists the tools offered on every chat span when contents are captured', async () => {
    const { tracing, spans } = createTestTracing({ captureContent: true });
    const agent = defineAgent({
      name: 'weather',
      model: await mistral('text'),
      tools: { weather: weatherTool },
    });
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    const found = chats(spans());
    expect(found).toHaveLength(2);
    for (const chat of found) {
      expect(JSON.parse(String(chat.attributes['gen_ai.tool.definitions']))).toEqual([
        {
          type: 'function',
          name: 'weather',
          description: 'Weather for a city.',
          parameters: expect.objectContaining({ type: 'object', required: ['city'] }),
        },
      ]);
    }
  });

  it('is left off by default: opt-in in the conventions', async () => {
    const { tracing, spans } = createTestTracing();
    const agent = defineAgent({
      name: 'weather',
      model: await mistral('text'),
      tools: { weather: weatherTool },
    });
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    expect(chats(spans())).toHaveLength(2);
    for (const chat of chats(spans())) expect(chat.attributes).not.toHaveProperty('gen_ai.tool.definitions');
  });

  it('is not set for an agent without tools, contents captured or not', async () => {
    const { tracing, spans } = createTestTracing({ captureContent: true });
    await run(defineAgent({ name: 'plain', model: await mistral('text') }), 'Hello', {
      onEvent: tracing.onEvent,
    });
    const [chat] = chats(spans());
    expect(chat?.attributes['gen_ai.input.messages']).toBeDefined();
    expect(chat?.attributes).not.toHaveProperty('gen_ai.tool.definitions');
  });
});

describe('gen_ai.output.type', () => {
  it('is json on every chat span of an agent answering through final_answer, run or streamed', async () => {
    const { tracing, spans } = createTestTracing();
    const agent = defineAgent({
      name: 'forecast',
      model: await mistral('final_answer'),
      tools: { weather: weatherTool },
      output: forecast,
    });
    const result = await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    expect(result.output).toEqual({ city: 'Rabat', sky: 'sunny' });
    const streamed = stream(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    for await (const _ of streamed);
    const found = chats(spans());
    expect(found).toHaveLength(4);
    for (const chat of found) expect(chat.attributes['gen_ai.output.type']).toBe('json');
  });

  it('is not set for an agent with tools and no output schema', async () => {
    const { tracing, spans } = createTestTracing();
    const agent = defineAgent({
      name: 'weather',
      model: await mistral('text'),
      tools: { weather: weatherTool },
    });
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    expect(chats(spans())).toHaveLength(2);
    for (const chat of chats(spans())) expect(chat.attributes).not.toHaveProperty('gen_ai.output.type');
  });
});
