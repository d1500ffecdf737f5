import { ChatCompletionRequest$outboundSchema } from '@mistralai/mistralai/models/components';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { compileMistralRequest } from '../../../src/models/mistral/index.js';
import type { ModelRequest, ToolSpec } from '../../../src/models/types.js';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
const model = 'mistral-small-latest';

/** The JSON body the SDK would send for a compiled request. */
const wireBody = (request: ModelRequest, reasoning = false) =>
  ChatCompletionRequest$outboundSchema.parse(compileMistralRequest(request, { model, reasoning }).request);

describe('compileMistralRequest: tools and settings', () => {
  it('compiles tools and every setting to fields the API accepts', () => {
    const body = wireBody(
      {
        messages,
        tools: [weather],
        settings: {
          maxTokens: 200,
          temperature: 0.3,
          topP: 0.9,
          randomSeed: 7,
          stop: ['END'],
          toolChoice: { name: 'get_weather' },
          parallelToolCalls: false,
          responseFormat: { type: 'json_object' },
          prediction: 'const x = 1;',
          reasoningEffort: 'high',
        },
      },
      true,
    );
    expect(body).toMatchObject({
      tools: [{ type: 'function', function: weather }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      max_tokens: 200,
      temperature: 0.3,
      top_p: 0.9,
      random_seed: 7,
      stop: ['END'],
      response_format: { type: 'json_object' },
      prediction: { type: 'content', content: 'const x = 1;' },
      reasoning_effort: 'high',
    });
    expect(checkMistralRequest(body)).toBeUndefined();
  });

  it('sends a json_schema response format without tools, and refuses it with tools naming the field (R24)', () => {
    const responseFormat = {
      type: 'json_schema' as const,
      name: 'answer',
      schema: { type: 'object' },
      strict: true,
    };
    const body = wireBody({ messages, settings: { responseFormat } });
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
    });
    expect(checkMistralRequest(body)).toBeUndefined();
    let error: unknown;
    try {
      compileMistralRequest({ messages, tools: [weather], settings: { responseFormat } }, { model });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ code: 'invalid-input', path: 'settings.responseFormat' });
    expect((error as UserInputError).message).toContain('json_schema "answer"');
    expect((error as UserInputError).message).toContain('1 tool;');
    expect((error as UserInputError).hint).toContain('without tools');
  });

  it('omits empty and tool-less fields: no tools: [], no tool_choice without tools, no reasoning_effort for plain models', () => {
    const body = wireBody({
      messages,
      tools: [],
      settings: {
        toolChoice: 'any',
        parallelToolCalls: true,
        stop: [],
        prediction: '',
        reasoningEffort: 'low',
      },
    });
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'stream']);
    expect(checkMistralRequest(body)).toBeUndefined();
  });

  it('maps string tool choices as they are', () => {
    for (const choice of ['auto', 'none', 'any', 'required'] as const) {
      const { request } = compileMistralRequest(
        { messages, tools: [weather], settings: { toolChoice: choice } },
        { model },
      );
      expect(request.toolChoice).toBe(choice);
    }
  });

  it.each([
    [{ maxTokens: 0 }, 'settings.maxTokens'],
    [{ temperature: -1 }, 'settings.temperature'],
    [{ topP: 2 }, 'settings.topP'],
    [{ randomSeed: 1.5 }, 'settings.randomSeed'],
    [{ stop: [''] }, 'settings.stop'],
    [{ toolChoice: { name: 'nope' } }, 'settings.toolChoice'],
  ])('rejects bad settings %j naming %s', (settings, path) => {
    const run = () => compileMistralRequest({ messages, tools: [weather], settings }, { model });
    expect(run).toThrow(UserInputError);
    expect(run).toThrow(path);
  });

  it('rejects bad tools naming them', () => {
    const run = (tools: ToolSpec[]) => () => compileMistralRequest({ messages, tools }, { model });
    expect(run([{ ...weather, name: '' }])).toThrow('tools[0].name');
    expect(run([weather, weather])).toThrow('appears twice');
    expect(run([{ ...weather, parameters: [] as never }])).toThrow('tools[0].parameters');
  });

  it('produces a body the mock server rules accept for a realistic agent history', () => {
    const body = wireBody({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'call_0_abc', name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
        { role: 'tool', toolCallId: 'call_0_abc', name: 'get_weather', content: '22C sunny' },
        { role: 'user', content: 'And Lyon?' },
      ],
      tools: [weather],
    });
    expect(checkMistralRequest(body)).toBeUndefined();
  });
});
