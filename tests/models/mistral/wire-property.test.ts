/**
 * Issue 14's audit as a test: 20,000 generated histories (foreign ids and names, parallel calls, images,
 * prefix, thinking with signatures, orphans, odd tool schemas, extreme settings) go through `createMistral()`
 * with a capturing `fetch`. Each either fails with a typed UserInputError before anything is sent, or the exact
 * body sent passes the OpenAPI schema and every rule of docs/mistral-wire-rules.md (`checkMistralRequest`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { createMistral } from '../../../src/models/mistral/index.js';
import type { Message, ModelSettings, ToolCall, ToolSpec } from '../../../src/models/types.js';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';

const RUNS = 20_000;

const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }), fc.constantFrom('مرحبا', 'déjà'));
const id = fc.oneof(
  fc.constantFrom('call_1', 'call_2', 'KikbB849t', 'null', 'x', 'chatcmpl-tool-9f2'),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9]{9}$/),
);
const name = fc.constantFrom(
  'search',
  'web.search',
  'web_search',
  'read file',
  'get-weather',
  'ü',
  'a'.repeat(70),
);
const toolCall: fc.Arbitrary<ToolCall> = fc.record({
  id,
  name,
  arguments: fc.constantFrom('', '{}', '{"a":1}'),
});
const image = fc.record({
  type: fc.constant('image' as const),
  url: fc.constantFrom('https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo=', 'ftp://nope'),
});
const thinking = fc.record(
  { type: fc.constant('thinking' as const), text, signature: fc.constantFrom('c2lnbmF0dXJl', 'sig') },
  { requiredKeys: ['type', 'text'] },
);
const system = fc.record({ role: fc.constant('system' as const), content: text });
const user = fc.record({
  role: fc.constant('user' as const),
  content: fc.oneof(
    text,
    fc.array(fc.oneof(fc.record({ type: fc.constant('text' as const), text }), image), { maxLength: 3 }),
  ),
});
const assistantText = fc.record({
  role: fc.constant('assistant' as const),
  content: fc.oneof(
    text,
    fc.array(fc.oneof(fc.record({ type: fc.constant('text' as const), text }), thinking), { maxLength: 3 }),
  ),
});
/** A tool-call turn: calls, then results for some of them (maybe reordered, maybe one orphan). */
const callTurn: fc.Arbitrary<Message[]> = fc
  .tuple(
    assistantText,
    fc.uniqueArray(toolCall, { minLength: 1, maxLength: 3, selector: (call) => call.id }),
    fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    fc.boolean(),
    fc.nat(9),
  )
  .map(([message, calls, answered, reverse, orphanDie]) => {
    const results: Message[] = calls
      .filter((_, index) => answered[index])
      .map((call) => ({ role: 'tool' as const, toolCallId: call.id, name: call.name, content: 'ok' }));
    if (reverse) results.reverse();
    if (orphanDie === 0) results.push({ role: 'tool', toolCallId: 'orphan', name: 'search', content: 'x' });
    return [{ ...message, toolCalls: calls }, ...results];
  });
const history: fc.Arbitrary<Message[]> = fc
  .tuple(
    fc.array(system, { maxLength: 2 }),
    fc.array(
      fc.oneof(
        user.map((m) => [m as Message]),
        assistantText.map((m) => [m as Message]),
        callTurn,
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.option(
      assistantText.map((message) => ({ ...message, prefix: true })),
      { nil: undefined },
    ),
  )
  .map(([systems, turns, prefix]) => [...systems, ...turns.flat(), ...(prefix ? [prefix] : [])]);

const validParameters: ToolSpec['parameters'] = {
  type: 'object',
  properties: { q: { type: 'string' } },
  required: ['q'],
};
const oddParameters = fc.constantFrom<ToolSpec['parameters']>(
  { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
  { type: 'object', properties: { n: { type: 'integer', exclusiveMinimum: true } } },
  { type: 'object', properties: { n: { type: 'number', exclusiveMinimum: 0 } } },
  { type: 'object', properties: { s: { type: 'string', pattern: '(' } } },
  { type: 'object', properties: { s: { type: 'strin' } } },
  { type: 'object', $defs: { x: { type: 'string' } }, properties: { s: { $ref: '#/$defs/x' } } },
);
const parameters = fc.oneof(
  { weight: 6, arbitrary: fc.constant(validParameters) },
  { weight: 1, arbitrary: oddParameters },
);
/** Mostly in range, sometimes an extreme. */
const extreme = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: odd });
const tools = fc.uniqueArray(fc.record({ name, description: text, parameters }), {
  maxLength: 3,
  selector: (tool) => tool.name,
});
const settings: fc.Arbitrary<ModelSettings> = fc.record(
  {
    temperature: extreme(
      fc.double({ min: 0, max: 1.5, noNaN: true }),
      fc.double({ min: -0.5, max: 3, noNaN: true }),
    ),
    topP: extreme(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constantFrom(0, 1.2)),
    maxTokens: extreme(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(-2, 0)),
    reasoningEffort: extreme(
      fc.constantFrom('none', 'high'),
      fc.constantFrom('minimal', 'low', 'medium', 'xhigh'),
    ),
    promptCacheKey: extreme(fc.constant('session-1'), fc.constant('')),
    parallelToolCalls: fc.boolean(),
  },
  { requiredKeys: [] },
);
const modelId = fc.constantFrom(
  'mistral-small-2603',
  'mistral-medium-latest',
  'codestral-2508',
  'ministral-8b-latest',
);

const completion = JSON.stringify({
  id: 'cmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'mistral-small-2603',
  choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('20,000 generated histories through createMistral()', () => {
  it('each is refused with a typed error before sending, or its body passes the schema and every rule', async () => {
    let sent: unknown;
    const provider = createMistral({
      apiKey: 'test-key',
      serverURL: 'http://127.0.0.1:9',
      retry: { maxRetries: 0 },
      fetch: async (_url, init) => {
        sent = JSON.parse(String(init.body));
        return new Response(completion, { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const tally = { sent: 0, refused: 0, violations: [] as string[] };
    await fc.assert(
      fc.asyncProperty(
        history,
        tools,
        settings,
        modelId,
        async (messages, toolSpecs, modelSettings, model) => {
          sent = undefined;
          try {
            await provider(model).generate({ messages, tools: toolSpecs, settings: modelSettings });
          } catch (error) {
            expect(error).toBeInstanceOf(UserInputError);
            expect(sent).toBeUndefined();
            tally.refused++;
            return;
          }
          tally.sent++;
          const answer = checkMistralRequest(sent);
          if (answer !== undefined) tally.violations.push(JSON.stringify(answer.body).slice(0, 300));
        },
      ),
      { numRuns: RUNS, seed: 14 },
    );
    expect(tally.violations).toEqual([]);
    expect(tally.sent + tally.refused).toBe(RUNS);
    // Most generated cases are repairable: the compiler must not refuse its way to zero violations.
    expect(tally.sent).toBeGreaterThan(RUNS / 5);
    console.info(
      `wire property: ${tally.sent} bodies sent and checked, ${tally.refused} refused before sending`,
    );
  }, 600_000);
});
