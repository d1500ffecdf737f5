/**
 * chat/*.request.json are bodies the real API accepted. The neutral equivalent of each must compile to the
 * same body, up to the documented differences between dragoman and the Python SDK that recorded them.
 */
import { ChatCompletionRequest$outboundSchema } from '@mistralai/mistralai/models/components';
import { describe, expect, it } from 'vitest';
import { compileMistralRequest } from '../../../src/models/mistral/index.js';
import type { ModelRequest, ToolSpec } from '../../../src/models/types.js';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';
import { listFixtures, readFixture } from './helpers.js';

type Json = Record<string, unknown>;

/**
 * Removes what differs by design: the Python SDK's `n`, `top_p: 1.0`, `prefix: false`, `index`, `content: []`
 * (we send `''`), `type: "function"` on tools (the recording left it out), the `{url}` image form (we send the string form), and `name` on tool messages (we send it,
 * the recording did not).
 */
function normalize(body: Json): Json {
  const { n: _n, top_p: _topP, ...rest } = body;
  const messages = (rest.messages as Json[]).map((message) => {
    const { prefix, name: _name, ...kept } = message;
    if (prefix === true) kept.prefix = true;
    if (Array.isArray(kept.content) && kept.content.length === 0) kept.content = '';
    if (Array.isArray(kept.content)) {
      kept.content = (kept.content as Json[]).map((chunk) =>
        chunk.type === 'image_url' && typeof chunk.image_url === 'object'
          ? { type: 'image_url', image_url: (chunk.image_url as Json).url }
          : chunk,
      );
    }
    if (Array.isArray(kept.tool_calls)) {
      kept.tool_calls = (kept.tool_calls as Json[]).map(({ index: _index, ...call }) => call);
    }
    return kept;
  });
  if (Array.isArray(rest.tools)) rest.tools = (rest.tools as Json[]).map(({ type: _type, ...tool }) => tool);
  return { ...rest, messages };
}

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parameters: {
    additionalProperties: false,
    properties: { city: { type: 'string' } },
    required: ['city'],
    type: 'object',
  },
};
const ask = { role: 'user' as const, content: "What's the weather in Paris?" };

const NEUTRAL: Record<string, { request: ModelRequest; model: string; bridgeText?: string }> = {
  'tool-call.mistral-large.2026-01.request.json': {
    model: 'mistral-large-latest',
    request: { messages: [ask], tools: [weather], settings: { toolChoice: 'auto' } },
  },
  'tool-result-followup.mistral-large.2026-01.request.json': {
    model: 'mistral-large-latest',
    request: {
      messages: [
        ask,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'KikbB849t', name: 'get_weather', arguments: '{"city": "Paris"}' }],
        },
        { role: 'tool', toolCallId: 'KikbB849t', name: 'get_weather', content: 'Sunny, 22C in Paris' },
      ],
      tools: [weather],
      settings: { toolChoice: 'auto' },
    },
  },
  'thinking.mistral-small.2026-07.request.json': {
    model: 'mistral-small-latest',
    request: {
      messages: [{ role: 'user', content: 'What is 2+2? Reply with just the number.' }],
      settings: { reasoningEffort: 'high' },
    },
  },
  'image-url-after-tool.mistral-medium.2026-02.request.json': {
    model: 'mistral-medium-latest',
    bridgeText: 'OK',
    request: {
      messages: [
        {
          role: 'user',
          content: 'Use the get_file tool now to retrieve a image file, then describe what you received.',
        },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: '6IgxW8LfZ', name: 'get_file', arguments: '{}' }],
        },
        { role: 'tool', toolCallId: '6IgxW8LfZ', name: 'get_file', content: 'See file 6a18c6.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'This is file 6a18c6:' },
            { type: 'image', url: 'https://www.gstatic.com/webp/gallery3/1.png' },
          ],
        },
      ],
      tools: [
        {
          name: 'get_file',
          description: '',
          parameters: { additionalProperties: false, properties: {}, type: 'object' },
        },
      ],
      settings: { toolChoice: 'auto' },
    },
  },
};

describe('recorded requests', () => {
  const files = listFixtures('chat').filter((file) => file.endsWith('.request.json'));
  it('has a neutral equivalent for every recorded request', () =>
    expect(files.sort()).toEqual(Object.keys(NEUTRAL).sort()));

  it.each(files)('%s', (file) => {
    const recorded = JSON.parse(readFixture('chat', file)) as Json;
    const { request, model, bridgeText } = NEUTRAL[file]!;
    const compiled = compileMistralRequest(request, {
      model,
      reasoning: file.startsWith('thinking'),
      ...(bridgeText ? { bridgeText } : {}),
    });
    const body = ChatCompletionRequest$outboundSchema.parse(compiled.request) as unknown as Json;
    // The recording's bridge turn is a text-chunk array; ours is the same text as a string.
    const recordedNormal = normalize(recorded);
    for (const message of recordedNormal.messages as Json[]) {
      if (message.role === 'assistant' && Array.isArray(message.content)) {
        message.content = (message.content as Json[]).map((chunk) => chunk.text).join('');
      }
    }
    // We omit an empty tool description; the recording sent "".
    for (const tool of (recordedNormal.tools as Json[] | undefined) ?? []) {
      const fn = tool.function as Json;
      if (fn.description === '') delete fn.description;
    }
    expect(normalize(body)).toEqual(recordedNormal);
    expect(checkMistralRequest(body)).toBeUndefined();
  });
});
