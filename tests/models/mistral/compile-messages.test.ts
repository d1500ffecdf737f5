import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import {
  compileMessages,
  DEFAULT_BRIDGE_TEXT,
  DEFAULT_CANCELLED_TEXT,
} from '../../../src/models/mistral/compile-messages.js';
import { createToolCallIdMap, isMistralToolCallId } from '../../../src/models/mistral/tool-call-ids.js';
import type { Message } from '../../../src/models/types.js';

const call = (id: string, name = 'search', args = '{"q":"x"}') => ({ id, name, arguments: args });

function invalidAt(messages: Message[], path: string, options = {}) {
  try {
    compileMessages(messages, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ path });
    return error as UserInputError;
  }
  throw new Error('expected compileMessages to throw');
}

describe('tool-call ids', () => {
  it('maps foreign ids to stable 9-character ids and back', () => {
    const { messages, toolCallIds } = compileMessages([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [call('call_abc'), call('7c9e6679-7425-40de-944b-e07fc1f90ae7')],
      },
      { role: 'tool', toolCallId: 'call_abc', name: 'search', content: 'r1' },
      { role: 'tool', toolCallId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'search', content: 'r2' },
    ]);
    const assistant = messages[1];
    if (assistant?.role !== 'assistant') throw new Error('expected assistant');
    const [first, second] = assistant.toolCalls!.map((wire) => wire.id);
    expect(isMistralToolCallId(first!)).toBe(true);
    expect(isMistralToolCallId(second!)).toBe(true);
    expect(first).not.toBe(second);
    expect(messages[2]).toMatchObject({ role: 'tool', toolCallId: first });
    expect(messages[3]).toMatchObject({ role: 'tool', toolCallId: second });
    expect(toolCallIds.toForeign(first!)).toBe('call_abc');
    // Same foreign id, same wire id, in a separate compilation too (stable across turns).
    expect(createToolCallIdMap().toWire('call_abc')).toBe(first);
  });

  it('keeps valid Mistral ids unchanged', () => {
    const map = createToolCallIdMap();
    expect(map.toWire('KikbB849t')).toBe('KikbB849t');
  });

  it('never gives two foreign ids the same wire id, whatever the order', () => {
    const hashed = createToolCallIdMap().toWire('call_1');
    const forward = createToolCallIdMap();
    expect(forward.toWire('call_1')).toBe(hashed);
    expect(forward.toWire(hashed)).not.toBe(hashed);
    const backward = createToolCallIdMap();
    expect(backward.toWire(hashed)).toBe(hashed);
    const moved = backward.toWire('call_1');
    expect(moved).not.toBe(hashed);
    expect(isMistralToolCallId(moved)).toBe(true);
    expect(backward.toForeign(moved)).toBe('call_1');
  });
});

describe('role order repairs', () => {
  it('inserts a bridging assistant turn between a tool result and a user message', () => {
    const { messages } = compileMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [call('KikbB849t')] },
      { role: 'tool', toolCallId: 'KikbB849t', name: 'search', content: 'r' },
      { role: 'user', content: 'next' },
    ]);
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(messages[3]).toEqual({ role: 'assistant', content: DEFAULT_BRIDGE_TEXT });
  });

  it('merges leading system messages and keeps a later one after a user message in place (R7)', () => {
    const { messages } = compileMessages([
      { role: 'system', content: 'A' },
      { role: 'system', content: 'B' },
      { role: 'user', content: 'q' },
    ]);
    expect(messages[0]).toEqual({ role: 'system', content: 'A\n\nB' });
    const later = compileMessages([
      { role: 'user', content: 'q' },
      { role: 'system', content: 'summary' },
      { role: 'system', content: 'rules' },
      { role: 'system', content: '' },
      { role: 'user', content: 'q2' },
    ]).messages;
    expect(later).toEqual([
      { role: 'user', content: 'q' },
      { role: 'system', content: 'summary\n\nrules' },
      { role: 'user', content: 'q2' },
    ]);
    // A trailing system message and a history that is only system text are accepted (R3) and sent as given.
    expect(
      compileMessages([
        { role: 'user', content: 'q' },
        { role: 'system', content: 's' },
      ]).messages,
    ).toEqual([
      { role: 'user', content: 'q' },
      { role: 'system', content: 's' },
    ]);
    expect(compileMessages([{ role: 'system', content: 'only' }]).messages).toEqual([
      { role: 'system', content: 'only' },
    ]);
  });

  it('refuses a system message right after an assistant turn or a tool result, naming its index (R4)', () => {
    const afterAssistant = invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
        { role: 'system', content: 'summary' },
        { role: 'user', content: 'q2' },
      ],
      'messages[2]',
    );
    expect(afterAssistant.code).toBe('invalid-history');
    expect(afterAssistant.message).toContain("after role 'assistant'");
    expect(afterAssistant.hint).toContain('user message');
    const afterTool = invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', toolCalls: [call('aaaaaaaa1')] },
        { role: 'tool', toolCallId: 'aaaaaaaa1', name: 'search', content: 'r' },
        { role: 'system', content: 'summary' },
        { role: 'user', content: 'q2' },
      ],
      'messages[3]',
    );
    expect(afterTool.message).toContain('right after a tool result');
  });

  it('answers calls that never ran with a synthetic cancelled result carrying the name', () => {
    const { messages } = compileMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [call('aaaaaaaa1', 'read'), call('aaaaaaaa2', 'write')] },
      { role: 'tool', toolCallId: 'aaaaaaaa2', name: 'write', content: 'done' },
      { role: 'user', content: 'stop' },
    ]);
    expect(messages.slice(2, 5)).toEqual([
      { role: 'tool', toolCallId: 'aaaaaaaa2', name: 'write', content: 'done' },
      { role: 'tool', toolCallId: 'aaaaaaaa1', name: 'read', content: DEFAULT_CANCELLED_TEXT },
      { role: 'assistant', content: DEFAULT_BRIDGE_TEXT },
    ]);
  });

  it('closes calls left open at the end of the history', () => {
    const { messages } = compileMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [call('aaaaaaaa1')] },
    ]);
    expect(messages.at(-1)).toMatchObject({
      role: 'tool',
      toolCallId: 'aaaaaaaa1',
      content: DEFAULT_CANCELLED_TEXT,
    });
  });

  it('rejects an orphan or duplicate tool result, naming its index', () => {
    invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'tool', toolCallId: 'x', name: 'search', content: 'r' },
      ],
      'messages[1]',
    );
    invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', toolCalls: [call('x')] },
        { role: 'tool', toolCallId: 'x', name: 'search', content: 'r' },
        { role: 'tool', toolCallId: 'x', name: 'search', content: 'again' },
      ],
      'messages[3]',
    );
    invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: '', toolCalls: [call('x'), call('x')] },
      ],
      'messages[1].toolCalls[1]',
    );
  });
});

describe('assistant messages', () => {
  it('with tool calls drops the text; thinking (with its signature) goes to reasoning models only', () => {
    const history = (): Message[] => [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', text: 'hmm', signature: 'sig-1' },
          { type: 'text', text: 'Let me look.' },
        ],
        toolCalls: [call('aaaaaaaa1', 'search', '')],
      },
      { role: 'tool', toolCallId: 'aaaaaaaa1', name: 'search', content: 'r' },
    ];
    const toolCalls = [{ id: 'aaaaaaaa1', type: 'function', function: { name: 'search', arguments: '{}' } }];
    expect(compileMessages(history(), { reasoning: true }).messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }], signature: 'sig-1' }],
      toolCalls,
    });
    expect(compileMessages(history(), { reasoning: false }).messages[1]).toEqual({
      role: 'assistant',
      content: '',
      toolCalls,
    });
  });

  it('drops empty assistant messages and strips thinking unless the model reasons', () => {
    const history: Message[] = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', text: 'think' },
          { type: 'text', text: 'A' },
        ],
      },
      { role: 'user', content: 'q2' },
    ];
    expect(compileMessages(history).messages).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'A' },
      { role: 'user', content: 'q2' },
    ]);
    expect(compileMessages(history, { reasoning: true }).messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: [{ type: 'text', text: 'think' }] },
        { type: 'text', text: 'A' },
      ],
    });
  });

  it('marks a trailing assistant message as prefix and returns its text', () => {
    const compiled = compileMessages([
      { role: 'user', content: 'Answer in Arabic.' },
      { role: 'assistant', content: 'مرحبا', prefix: true },
    ]);
    expect(compiled.messages.at(-1)).toEqual({ role: 'assistant', content: 'مرحبا', prefix: true });
    expect(compiled.prefix).toBe('مرحبا');
  });

  it('ignores prefix on a message that is not last, and rejects a last assistant without prefix', () => {
    const { messages } = compileMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a', prefix: true },
      { role: 'user', content: 'q2' },
    ]);
    expect(messages[1]).toEqual({ role: 'assistant', content: 'a' });
    const error = invalidAt(
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
      'messages[1]',
    );
    expect(error.hint).toContain('prefix: true');
    invalidAt([{ role: 'system', content: '' }], 'messages');
    invalidAt([], 'messages');
  });
});

describe('user content', () => {
  it('compiles images to image_url chunks and joins text-only parts', () => {
    const { messages } = compileMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', url: 'https://example.com/rose.png' },
        ],
      },
      { role: 'assistant', content: 'A rose.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      { role: 'user', content: [] },
    ]);
    expect(messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', imageUrl: 'https://example.com/rose.png' },
      ],
    });
    expect(messages[2]).toEqual({ role: 'user', content: 'ab' });
    expect(messages[3]).toEqual({ role: 'user', content: '' });
  });

  it('rejects a bad image URL and more than 8 images', () => {
    invalidAt(
      [{ role: 'user', content: [{ type: 'image', url: 'file:///etc/passwd' }] }],
      'messages[0].content[0]',
    );
    const many = Array.from({ length: 9 }, () => ({
      type: 'image' as const,
      url: 'data:image/png;base64,iVBORw0K',
    }));
    invalidAt([{ role: 'user', content: many }], 'messages');
  });

  it('is deterministic and does not mutate its input', () => {
    const history: Message[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'x', toolCalls: [call('call_9')] },
    ];
    const before = structuredClone(history);
    const [first, second] = [compileMessages(history), compileMessages(history)];
    expect(first.messages).toEqual(second.messages);
    expect(first.toolCallIds.entries()).toEqual(second.toolCallIds.entries());
    expect(history).toEqual(before);
  });
});
