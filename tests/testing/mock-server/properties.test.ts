import {
  chatCompletionResponseFromJSON,
  completionChunkFromJSON,
} from '@mistralai/mistralai/models/components';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCompletionBody } from '../../../src/testing/mock-server/completion-json.js';
import { checkMistralRequest, type MockReply } from '../../../src/testing/mock-server/index.js';
import { createRandomSource } from '../../../src/testing/mock-server/random.js';
import { planReply } from '../../../src/testing/mock-server/reply-plan.js';
import { toStreamChunks } from '../../../src/testing/mock-server/sse-writer.js';

const replyArbitrary: fc.Arbitrary<MockReply> = fc.record(
  {
    text: fc.string({ unit: 'grapheme', maxLength: 60 }),
    thinking: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    toolCalls: fc.array(
      fc.record({
        name: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/),
        arguments: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      }),
      { maxLength: 3 },
    ),
    toolCallStyle: fc.constantFrom('whole' as const, 'fragments' as const),
    chunkSize: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: [] },
);

const request = {
  kind: 'chat' as const,
  path: '/v1/chat/completions',
  body: { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] },
  stream: true,
  index: 0,
};

describe('mock server output, for any scripted reply', () => {
  it('JSON answers parse with the SDK and carry the scripted text and calls', () => {
    fc.assert(
      fc.property(replyArbitrary, fc.integer(), (reply, seed) => {
        const plan = planReply(reply, request, createRandomSource(seed), () => 1_700_000_000_000);
        const parsed = chatCompletionResponseFromJSON(JSON.stringify(toCompletionBody(plan)));
        if (!parsed.ok) throw parsed.error;
        const message = parsed.value.choices[0]?.message;
        const calls = message?.toolCalls ?? [];
        expect(calls.map((call) => call.function.name)).toEqual(
          (reply.toolCalls ?? []).map((call) => call.name),
        );
        for (const call of calls) expect(call.id).toMatch(/^[A-Za-z0-9]{9}$/);
        const content = message?.content;
        const text =
          typeof content === 'string'
            ? content
            : (content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
        expect(text).toBe(reply.text ?? '');
      }),
      { numRuns: 150 },
    );
  });

  it('stream chunks parse with the SDK, reassemble to the scripted text and arguments, and end with usage', () => {
    fc.assert(
      fc.property(replyArbitrary, fc.integer(), (reply, seed) => {
        const random = createRandomSource(seed);
        const chunks = toStreamChunks(
          planReply(reply, request, random, () => 0),
          random,
        );
        let text = '';
        const argumentsByCall: string[] = [];
        for (const chunk of chunks) {
          const parsed = completionChunkFromJSON(JSON.stringify(chunk));
          if (!parsed.ok) throw parsed.error;
          const delta = parsed.value.choices[0]!.delta;
          if (typeof delta.content === 'string') text += delta.content;
          for (const call of delta.toolCalls ?? []) {
            const piece = call.function.arguments as string;
            // Whole calls arrive complete, one entry each; fragments append to the call their index names.
            if (reply.toolCallStyle !== 'fragments') argumentsByCall.push(piece);
            else argumentsByCall[call.index ?? 0] = (argumentsByCall[call.index ?? 0] ?? '') + piece;
          }
        }
        expect(text).toBe(reply.text ?? '');
        expect(argumentsByCall).toEqual(
          (reply.toolCalls ?? []).map((call) => JSON.stringify(call.arguments)),
        );
        const last = chunks.at(-1)!;
        expect(last.usage).toBeDefined();
        expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('checkMistralRequest, for any input', () => {
  it('never throws; answers nothing or an API error status with a body', () => {
    const message = fc.record(
      {
        role: fc.constantFrom('system', 'user', 'assistant', 'tool', 'other'),
        content: fc.oneof(fc.string(), fc.constant(null), fc.constant([]), fc.jsonValue({ maxDepth: 2 })),
        tool_calls: fc.array(
          fc.record({
            id: fc.string({ maxLength: 12 }),
            function: fc.record({ name: fc.string(), arguments: fc.string() }),
          }),
          { maxLength: 2 },
        ),
        tool_call_id: fc.string({ maxLength: 12 }),
        prefix: fc.boolean(),
      },
      { requiredKeys: ['role'] },
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({
        model: fc.constantFrom('mistral-small-latest', 'mistral-saba-2502'),
        messages: fc.array(message, { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(body, (candidate) => {
        const answer = checkMistralRequest(candidate);
        if (answer !== undefined) {
          expect([400, 404, 422]).toContain(answer.status);
          expect(typeof answer.body).toBe('object');
        }
      }),
      { numRuns: 400 },
    );
  });
});
