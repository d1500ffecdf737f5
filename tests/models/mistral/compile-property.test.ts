/**
 * Property tests for the wire compiler: for any neutral history it either throws a typed UserInputError
 * or produces a request the mock server's rule checker (schema + message rules) accepts. A bounded sample
 * of histories also goes through the real SDK and real HTTP to the mock server.
 */
import { ChatCompletionRequest$outboundSchema } from '@mistralai/mistralai/models/components';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { compileMistralRequest } from '../../../src/models/mistral/index.js';
import type { AssistantMessage, Message, ToolCall, ToolMessage } from '../../../src/models/types.js';
import { checkMistralRequest, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { startMock } from './helpers.js';

const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('مرحبا', 'déjà vu', '日本'),
);
const id = fc.oneof(
  fc.constantFrom('call_1', 'call_2', 'KikbB849t', 'null', 'x'),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9]{9}$/),
);
const toolName = fc.constantFrom('search', 'read_file', 'get-weather');
const toolCall: fc.Arbitrary<ToolCall> = fc.record({
  id,
  name: toolName,
  arguments: fc.constantFrom('', '{}', '{"a":1}'),
});
const image = fc.record({
  type: fc.constant('image' as const),
  url: fc.constantFrom('https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo=', 'ftp://nope'),
});
const textPart = fc.record({ type: fc.constant('text' as const), text });
const thinkingPart = fc.record({ type: fc.constant('thinking' as const), text });

const system = fc.record({ role: fc.constant('system' as const), content: text });
const user = fc.record({
  role: fc.constant('user' as const),
  content: fc.oneof(text, fc.array(fc.oneof(textPart, image), { maxLength: 3 })),
});
const assistant: fc.Arbitrary<AssistantMessage> = fc.record(
  {
    role: fc.constant('assistant' as const),
    content: fc.oneof(text, fc.array(fc.oneof(textPart, thinkingPart), { maxLength: 3 })),
    toolCalls: fc.array(toolCall, { maxLength: 3 }),
    prefix: fc.boolean(),
  },
  { requiredKeys: ['role', 'content'] },
);
const tool: fc.Arbitrary<ToolMessage> = fc.record({
  role: fc.constant('tool' as const),
  toolCallId: id,
  name: toolName,
  content: text,
});

/** Any sequence of messages: mostly invalid, exercises the error paths. */
const anyHistory = fc.array(fc.oneof(system, user, assistant, tool), { maxLength: 10 });

/**
 * Agent-like histories: open with a user turn, tool results mostly follow their calls (some skipped or
 * reordered), and an optional trailing prefix carries text. Most compile, so most bodies get checked.
 */
const agentHistory: fc.Arbitrary<Message[]> = fc
  .tuple(
    fc.array(system, { maxLength: 2 }),
    user,
    fc.array(
      fc.oneof(
        user.map((message) => [message] as Message[]),
        assistant.map((message) => [{ ...message, toolCalls: undefined, prefix: undefined }] as Message[]),
        fc
          .tuple(
            assistant,
            fc.uniqueArray(toolCall, { minLength: 1, maxLength: 3, selector: (call) => call.id }),
            fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
            fc.boolean(),
          )
          .map(([message, calls, answered, reverse]) => {
            const results: Message[] = calls
              .filter((_, index) => answered[index])
              .map((call) => ({ role: 'tool', toolCallId: call.id, name: call.name, content: 'ok' }));
            if (reverse) results.reverse();
            return [{ ...message, toolCalls: calls, prefix: undefined }, ...results];
          }),
      ),
      { maxLength: 6 },
    ),
    fc.option(
      fc
        .constantFrom('Sure: ', '```json\n', 'نعم')
        .map((content): AssistantMessage => ({ role: 'assistant', content, prefix: true })),
      { nil: undefined },
    ),
  )
  .map(([systems, first, turns, trailing]) => [
    ...systems,
    first,
    ...turns.flat(),
    ...(trailing ? [trailing] : []),
  ]);

type Outcome =
  | { ok: true; body: ReturnType<typeof ChatCompletionRequest$outboundSchema.parse> }
  | { ok: false };

function compileOrThrowTyped(messages: Message[], reasoning: boolean): Outcome {
  try {
    const { request } = compileMistralRequest({ messages }, { model: 'mistral-small-latest', reasoning });
    return { ok: true, body: ChatCompletionRequest$outboundSchema.parse(request) };
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    expect(['invalid-history', 'invalid-input']).toContain((error as UserInputError).code);
    expect((error as UserInputError).path).toMatch(/^messages/);
    return { ok: false };
  }
}

function expectAccepted(messages: Message[], body: Outcome & { ok: true }) {
  expect(checkMistralRequest(body.body)).toBeUndefined();
  // Repairs never lose a user turn or invent one.
  const users = (list: Array<{ role: string }>) => list.filter((message) => message.role === 'user').length;
  expect(users(body.body.messages)).toBe(users(messages));
}

describe('compileMistralRequest properties', () => {
  it('any history: a typed error or a request the API rules accept', () => {
    fc.assert(
      fc.property(anyHistory, fc.boolean(), (messages, reasoning) => {
        const outcome = compileOrThrowTyped(messages, reasoning);
        if (outcome.ok) expectAccepted(messages, outcome);
      }),
      { numRuns: 400 },
    );
  });

  it('agent-like histories: accepted or typed error, and most are accepted', () => {
    let accepted = 0;
    fc.assert(
      fc.property(agentHistory, fc.boolean(), (messages, reasoning) => {
        const outcome = compileOrThrowTyped(messages, reasoning);
        if (outcome.ok) {
          accepted++;
          expectAccepted(messages, outcome);
        }
      }),
      { numRuns: 300 },
    );
    // About 77% compile (measured with fc.sample over 3,000 histories); half is many deviations away.
    expect(accepted).toBeGreaterThan(150);
  });

  it('same history, same body (stable for the prompt cache)', () => {
    fc.assert(
      fc.property(agentHistory, (messages) => {
        const first = compileOrThrowTyped(messages, false);
        const second = compileOrThrowTyped(structuredClone(messages), false);
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

describe('compiled histories through the real SDK and HTTP', () => {
  let server: MockMistralServer;
  let provider: Awaited<ReturnType<typeof startMock>>['provider'];
  beforeAll(async () => {
    ({ server, provider } = await startMock(
      { reply: () => ({ text: 'fine' }) },
      { retry: { maxRetries: 0 } },
    ));
  });
  afterAll(() => server.close());

  it('the server accepts every history the compiler accepts (bounded sample)', async () => {
    const samples = fc.sample(agentHistory, { numRuns: 40, seed: 20_261_123 });
    let sent = 0;
    for (const messages of samples) {
      let compiled = true;
      try {
        compileMistralRequest({ messages }, { model: 'mistral-small-latest' });
      } catch {
        compiled = false;
      }
      if (!compiled) continue;
      const response = await provider('mistral-small-latest').generate({ messages });
      expect(response.message.content).toBe('fine');
      sent++;
    }
    expect(sent).toBeGreaterThan(10);
    expect(server.requests.length).toBe(sent);
  });
});
