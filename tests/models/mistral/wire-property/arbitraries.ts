/**
 * Generators for the 20,000-history wire property test. A case is a whole `generate()` call (history, tools,
 * settings, model) plus what must happen to it: `send` cases are agent-like histories the compiler must send
 * (repairs included: foreign ids and names, unanswered calls, odd but repairable schemas, late system messages),
 * `refuse` cases break exactly one rule the compiler cannot repair and must be refused before sending.
 */
import fc from 'fast-check';
import type {
  AssistantMessage,
  Message,
  ModelSettings,
  ToolCall,
  ToolSpec,
  UserMessage,
} from '../../../../src/models/types.js';

/** One generated call and the outcome the test demands. */
export interface WireCase {
  expect: 'send' | 'refuse';
  /** What the case exercises (a `refuse` case: the one rule it breaks). */
  kind: string;
  messages: Message[];
  tools: ToolSpec[];
  settings: ModelSettings;
  model: string;
}

const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }), fc.constantFrom('مرحبا', 'déjà'));
export const words = fc.constantFrom('Weather in Paris?', 'Fix this bug.', 'لخص النص', 'ok', 'Sure: ');
/** Foreign ids (OpenAI, vLLM, uuids, the SDK's "null"), as a history from another provider holds them. */
const id = fc.oneof(
  fc.constantFrom('call_1', 'call_2', 'KikbB849t', 'null', 'x', 'chatcmpl-tool-9f2'),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9]{9}$/),
);
/** Names Mistral rejects as they are (dots, spaces, non-ASCII, 70 characters) are renamed, not refused. */
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
const goodImage = fc.record({
  type: fc.constant('image' as const),
  url: fc.constantFrom('https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo='),
});
const textPart = fc.record({ type: fc.constant('text' as const), text });
const thinking = fc.record(
  { type: fc.constant('thinking' as const), text, signature: fc.constantFrom('c2lnbmF0dXJl', 'sig') },
  { requiredKeys: ['type', 'text'] },
);
const system = fc.record({ role: fc.constant('system' as const), content: text });
/** At most one image per user message, so a history stays within Mistral's 8 images. */
const user: fc.Arbitrary<UserMessage> = fc.record({
  role: fc.constant('user' as const),
  content: fc.oneof(
    { weight: 3, arbitrary: fc.oneof(text, words) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(textPart, { maxLength: 2 }), goodImage).map(([t, i]) => [...t, i]),
    },
    { weight: 1, arbitrary: fc.array(textPart, { maxLength: 3 }) },
  ),
});
const assistantText: fc.Arbitrary<AssistantMessage> = fc.record({
  role: fc.constant('assistant' as const),
  content: fc.oneof(text, fc.array(fc.oneof(textPart, thinking), { maxLength: 3 })),
});
/**
 * A tool result: text, or text and up to three images (a screenshot tool). Several in one history go past
 * the 8 images a request takes: the compiler then describes the oldest instead of sending them.
 */
const toolResultContent = fc.oneof(
  { weight: 4, arbitrary: fc.constant('ok') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(textPart, { maxLength: 1 }), fc.array(goodImage, { minLength: 1, maxLength: 3 }))
      .map(([texts, images]) => [...texts, ...images]),
  },
);
/** A call turn: calls, then results (any order); sometimes one is left unanswered (the compiler cancels it). */
export const callTurn: fc.Arbitrary<Message[]> = fc
  .tuple(
    assistantText,
    fc.uniqueArray(toolCall, { minLength: 1, maxLength: 3, selector: (call) => call.id }),
    fc.boolean(),
    fc.nat(5),
    fc.array(toolResultContent, { minLength: 3, maxLength: 3 }),
  )
  .map(([message, calls, reverse, skipDie, contents]) => {
    const results: Message[] = calls
      .filter((_, index) => !(skipDie === 0 && index === calls.length - 1))
      .map((call, index) => ({
        role: 'tool' as const,
        toolCallId: call.id,
        name: call.name,
        content: contents[index]!,
      }));
    if (reverse) results.reverse();
    return [{ ...message, toolCalls: calls }, ...results];
  });
/** A user turn, sometimes followed by a system message (accepted after a user message, R7). */
const userTurn: fc.Arbitrary<Message[]> = fc
  .tuple(user, fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: system }))
  .map(([message, late]) => (late ? [message, late] : [message]));
/** A history that can only end where the API allows: user, tool, system after user, or a prefix. */
const validHistory: fc.Arbitrary<Message[]> = fc
  .tuple(
    fc.array(system, { maxLength: 2 }),
    fc.oneof(
      { weight: 9, arbitrary: userTurn },
      // R6: a conversation may open with assistant text (a greeting) before the user's turn.
      { weight: 1, arbitrary: fc.tuple(assistantText, userTurn).map(([a, u]) => [a, ...u]) },
    ),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: userTurn },
        { weight: 2, arbitrary: assistantText.map((message) => [message as Message]) },
        { weight: 4, arbitrary: callTurn },
      ),
      { maxLength: 6 },
    ),
    fc.oneof(
      { weight: 3, arbitrary: userTurn },
      { weight: 2, arbitrary: callTurn },
      {
        weight: 1,
        arbitrary: words.map((content): Message[] => [{ role: 'assistant', content, prefix: true }]),
      },
    ),
  )
  .map(([systems, opening, turns, last]) => [...systems, ...opening, ...turns.flat(), ...last]);

export const validParameters: ToolSpec['parameters'] = {
  type: 'object',
  properties: { q: { type: 'string' } },
  required: ['q'],
};
/** Odd schemas the compiler repairs (`$schema` stripped) or the API takes as they are. */
const repairableParameters = fc.constantFrom<ToolSpec['parameters']>(
  { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
  { type: 'object', properties: { n: { type: 'number', exclusiveMinimum: 0 } } },
  { type: 'object', $defs: { x: { type: 'string' } }, properties: { s: { $ref: '#/$defs/x' } } },
);
const tools = fc.uniqueArray(
  fc.record({
    name,
    description: text,
    parameters: fc.oneof({ weight: 5, arbitrary: fc.constant(validParameters) }, repairableParameters),
  }),
  { maxLength: 3, selector: (tool) => tool.name },
);
/** Settings in the API's ranges, edges included (temperature 0 and 1.5, topP 1). */
const settings: fc.Arbitrary<ModelSettings> = fc.record(
  {
    temperature: fc.oneof(fc.double({ min: 0, max: 1.5, noNaN: true }), fc.constantFrom(0, 1.5)),
    topP: fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constant(1)),
    maxTokens: fc.integer({ min: 1, max: 100_000 }),
    reasoningEffort: fc.constantFrom('none', 'high'),
    promptCacheKey: fc.constantFrom('session-1', 'dragoman-KikbB849t'),
    parallelToolCalls: fc.boolean(),
    responseFormat: fc.constant({ type: 'json_object' as const }),
  },
  { requiredKeys: [] },
);
const model = fc.constantFrom(
  'mistral-small-2603',
  'mistral-medium-latest',
  'codestral-2508',
  'ministral-8b-latest',
);

/** R3: a history that is only system text is accepted and sent as it is. */
const systemOnly = words.map((content): Message[] => [{ role: 'system', content: `${content}.` }]);

export const validCase: fc.Arbitrary<WireCase> = fc
  .record({
    messages: fc.oneof({ weight: 40, arbitrary: validHistory }, { weight: 1, arbitrary: systemOnly }),
    tools,
    settings,
    model,
  })
  .map((call) => ({ expect: 'send' as const, kind: 'agent-like', ...call }));
