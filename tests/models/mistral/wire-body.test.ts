/**
 * toWireBody must produce the same JSON (up to key order) the SDK's own serializer produced before dragoman stopped loading
 * it: the SDK's outbound schema is the reference (a dev-time check; the runtime never loads it).
 */
import {
  ChatCompletionRequest$outboundSchema,
  FIMCompletionRequest$outboundSchema,
} from '@mistralai/mistralai/models/components';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFimRequest } from '../../../src/models/mistral/fim.js';
import { compileMistralRequest } from '../../../src/models/mistral/index.js';
import { toWireBody } from '../../../src/models/mistral/wire-body.js';
import type { Message, ModelRequest, ModelSettings } from '../../../src/models/types.js';

const weather = {
  name: 'get_weather',
  description: 'Weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const history: Message[] = [
  { role: 'system', content: 'Be brief.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What is this?' },
      { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
    ],
  },
  {
    role: 'assistant',
    content: '',
    toolCalls: [{ id: 'KikbB849t', name: 'get_weather', arguments: '{"city":"Paris"}' }],
  },
  { role: 'tool', toolCallId: 'KikbB849t', name: 'get_weather', content: '21 C' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', text: 'hmm' },
      { type: 'text', text: 'It is' },
    ],
  },
];

const settings = fc.record(
  {
    temperature: fc.constantFrom(0, 0.3, 1),
    topP: fc.constantFrom(0.5, 1),
    maxTokens: fc.integer({ min: 1, max: 4096 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    stop: fc.constantFrom<string[]>(['\n'], ['END', 'STOP']),
    toolChoice: fc.constantFrom('auto' as const, 'none' as const, 'required' as const, {
      name: 'get_weather',
    }),
    parallelToolCalls: fc.boolean(),
    reasoningEffort: fc.constantFrom('none' as const, 'high' as const),
    prediction: fc.constant('It is'),
    responseFormat: fc.constantFrom<NonNullable<ModelSettings['responseFormat']>>(
      { type: 'text' },
      { type: 'json_object' },
      { type: 'json_schema', schema: { type: 'object' }, name: 'answer', strict: true },
    ),
  },
  { requiredKeys: [] },
);

describe('toWireBody', () => {
  it('equals the SDK serializer for any compiled request, streamed or not', () => {
    fc.assert(
      fc.property(
        settings,
        fc.integer({ min: 1, max: history.length }),
        fc.boolean(),
        (picked, size, stream) => {
          const request: ModelRequest = {
            messages: history.slice(0, size),
            tools: [weather],
            settings: picked,
          };
          let compiled: ReturnType<typeof compileMistralRequest>;
          try {
            compiled = compileMistralRequest(request, { model: 'magistral-small-latest', reasoning: true });
          } catch {
            return; // a combination the compiler refuses has no body to compare
          }
          const reference = ChatCompletionRequest$outboundSchema.parse({ ...compiled.request, stream });
          expect(JSON.parse(JSON.stringify(toWireBody(compiled.request, stream)))).toStrictEqual(reference);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sends a FIM body equal to the SDK serializer', () => {
    const body = compileFimRequest({
      prompt: 'def f(',
      suffix: 'return 1',
      stop: ['\n'],
      maxTokens: 9,
      minTokens: 1,
    });
    const reference = FIMCompletionRequest$outboundSchema.parse({
      model: 'codestral-latest',
      prompt: 'def f(',
      suffix: 'return 1',
      stop: ['\n'],
      maxTokens: 9,
      minTokens: 1,
    });
    expect(body).toEqual(reference);
  });
});
