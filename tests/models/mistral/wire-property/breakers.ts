/**
 * The refused share of the wire property test: each case is a valid agent-like call with exactly one rule broken
 * that the compiler cannot repair (docs/mistral-wire-rules.md), plus the mix of valid and broken cases.
 */
import fc from 'fast-check';
import type { Message, ModelSettings, ToolSpec } from '../../../../src/models/types.js';
import { callTurn, validCase, validParameters, type WireCase, words } from './arbitraries.js';

const brokenParameters = fc.constantFrom<ToolSpec['parameters']>(
  { type: 'object', properties: { n: { type: 'integer', exclusiveMinimum: true } } },
  { type: 'object', properties: { s: { type: 'string', pattern: '(' } } },
  { type: 'object', properties: { s: { type: 'strin' } } },
);

const withoutPrefix = (messages: Message[]) =>
  messages.filter((message) => !(message.role === 'assistant' && message.prefix === true));
const withoutSystems = (messages: Message[]) => messages.filter((message) => message.role !== 'system');
const sentence = words.filter((word) => word.trim() !== '');

type Breaker = fc.Arbitrary<(call: WireCase) => WireCase>;
const breaking = (kind: string, arbitrary: Breaker) =>
  arbitrary.map((fn) => (call: WireCase) => ({ ...fn(call), kind }));
/** Each breaks one rule the compiler cannot repair (docs/mistral-wire-rules.md), on top of a valid case. */
const breakers: Array<fc.Arbitrary<(call: WireCase) => WireCase>> = [
  breaking(
    'orphan tool result (R14)',
    fc.constant((c) => ({
      ...c,
      messages: [
        ...withoutPrefix(c.messages),
        { role: 'tool', toolCallId: 'orphan', name: 'search', content: 'x' },
      ],
    })),
  ),
  breaking(
    'opens with an assistant tool call (R14)',
    callTurn.map((turn) => (c) => ({
      ...c,
      messages: [...turn, ...withoutSystems(c.messages)],
    })),
  ),
  breaking(
    'image scheme (R19)',
    fc.constantFrom('ftp://nope', 'file:///etc/passwd').map((url) => (c) => ({
      ...c,
      messages: [...withoutPrefix(c.messages), { role: 'user', content: [{ type: 'image', url }] }],
    })),
  ),
  breaking(
    'nine images (R19)',
    fc.constant((c) => ({
      ...c,
      messages: [
        ...withoutPrefix(c.messages),
        {
          role: 'user',
          content: Array.from({ length: 9 }, () => ({
            type: 'image' as const,
            url: 'https://example.com/a.png',
          })),
        },
      ],
    })),
  ),
  breaking(
    'empty prefix (R10)',
    fc.constant((c) => ({
      ...c,
      messages: [...withoutPrefix(c.messages), { role: 'assistant', content: '', prefix: true }],
    })),
  ),
  breaking(
    'trailing assistant without prefix (R3)',
    sentence.map((content) => (c) => ({
      ...c,
      messages: [...withoutPrefix(c.messages), { role: 'assistant', content }],
    })),
  ),
  breaking(
    'system right after an assistant turn (R4)',
    sentence.map((content) => (c) => ({
      ...c,
      messages: [
        ...withoutPrefix(c.messages),
        { role: 'assistant', content },
        { role: 'system', content: 'late' },
        { role: 'user', content: 'q' },
      ],
    })),
  ),
  breaking(
    'invalid tool schema (R16)',
    brokenParameters.map((parameters) => (c) => ({
      ...c,
      tools: [...c.tools, { name: 'broken_tool', description: 'x', parameters }],
    })),
  ),
  breaking(
    'json_schema with tools (R24)',
    fc.constant((c) => ({
      ...c,
      tools: [...c.tools, { name: 'extra_tool', description: 'x', parameters: validParameters }],
      settings: {
        ...c.settings,
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
      },
    })),
  ),
  breaking(
    'setting out of range (R27)',
    fc
      .constantFrom<ModelSettings>(
        { temperature: 1.6 },
        { temperature: -0.5 },
        { topP: 0 },
        { topP: 1.2 },
        { maxTokens: 0 },
        { maxTokens: -2 },
        { promptCacheKey: '' },
      )
      .map((odd) => (c) => ({ ...c, settings: { ...c.settings, ...odd } })),
  ),
  breaking(
    'reasoning effort the model does not take (R21)',
    fc.constantFrom('minimal', 'low', 'medium', 'xhigh' as const).map((effort) => (c) => ({
      ...c,
      model: 'mistral-small-2603',
      settings: { ...c.settings, reasoningEffort: effort as ModelSettings['reasoningEffort'] },
    })),
  ),
];
const brokenCase: fc.Arbitrary<WireCase> = fc
  .tuple(validCase, fc.oneof(...breakers))
  .map(([call, breakIt]) => ({ ...breakIt(call), expect: 'refuse' as const }));

/** About 85% valid agent-like calls, 15% calls that break one rule. */
export const wireCase: fc.Arbitrary<WireCase> = fc.oneof(
  { weight: 17, arbitrary: validCase },
  { weight: 3, arbitrary: brokenCase },
);
