/**
 * Images in tool results on the Mistral wire: the tool message keeps the text, the images follow the group
 * in a user message after a bridging turn (the order of the recorded pydantic-ai request), and images a model
 * cannot take become a line of text. Every compiled body is checked with the mock's rules.
 */
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { compileMessages, DEFAULT_BRIDGE_TEXT } from '../../../src/models/mistral/compile-messages.js';
import { toWireBody } from '../../../src/models/mistral/wire-body.js';
import type { ImagePart, Message } from '../../../src/models/types.js';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const png = (url = PNG): ImagePart => ({ type: 'image', url });
const call = (id: string, name = 'shot') => ({ id, name, arguments: '{}' });

function history(...results: Message[]): Message[] {
  const calls = results.map((result) => call((result as { toolCallId: string }).toolCallId));
  return [
    { role: 'user', content: 'Look at the page.' },
    { role: 'assistant', content: '', toolCalls: calls },
    ...results,
  ];
}

function accepted(messages: Message[], vision = true) {
  const compiled = compileMessages(messages, { vision });
  const body = toWireBody({ model: 'mistral-small-latest', messages: compiled.messages }, false);
  expect(checkMistralRequest(body)).toBeUndefined();
  return body.messages as Array<{ role: string; content: unknown }>;
}

describe('images in tool results, for Mistral', () => {
  it('keeps the text in the tool message and shows the images after the group', () => {
    const sent = accepted(
      history(
        { role: 'tool', toolCallId: 'a', name: 'shot', content: [{ type: 'text', text: 'page 1' }, png()] },
        { role: 'tool', toolCallId: 'b', name: 'shot', content: 'no image here' },
      ),
    );
    expect(sent.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      'assistant',
      'user',
    ]);
    expect(sent[2]!.content).toBe('page 1\n\n[an image: in the next user message]');
    expect(sent[3]!.content).toBe('no image here');
    expect(sent[4]!.content).toBe(DEFAULT_BRIDGE_TEXT);
    expect(sent[5]!.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(/^The image returned by tool "shot" \(call [A-Za-z0-9]{9}\):$/),
      },
      { type: 'image_url', image_url: PNG },
    ]);
  });

  it('replays a stored image result before the next user turn without a second bridge', () => {
    const sent = accepted([
      ...history({ role: 'tool', toolCallId: 'a', name: 'shot', content: [png(), png()] }),
      { role: 'assistant', content: 'Two screenshots.' },
      { role: 'user', content: 'Thanks.' },
    ]);
    expect(sent.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(sent[2]!.content).toBe('[2 images: in the next user message]');
    expect((sent[4]!.content as Array<{ text?: string }>)[0]!.text).toMatch(
      /^The 2 images returned by tool "shot"/,
    );
  });

  it('describes the images to a model without vision instead of sending them', () => {
    const sent = accepted(history({ role: 'tool', toolCallId: 'a', name: 'shot', content: [png()] }), false);
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent[2]!.content).toBe('[image not shown: this model cannot see images]');
  });

  it('keeps the newest images within the 8 a request takes, counting the user images', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Compare.' }, png(), png()] },
      { role: 'assistant', content: '', toolCalls: [call('a')] },
      { role: 'tool', toolCallId: 'a', name: 'shot', content: [png(), png(), png(), png()] },
      { role: 'assistant', content: '', toolCalls: [call('b')] },
      { role: 'tool', toolCallId: 'b', name: 'shot', content: [png(), png(), png(), png()] },
    ];
    const sent = accepted(messages);
    const images = JSON.stringify(sent).match(/"type":"image_url"/g) ?? [];
    expect(images).toHaveLength(8);
    expect(sent[2]!.content).toBe(
      [
        '[image not shown: a request takes 8 images and newer ones were kept]',
        '[image not shown: a request takes 8 images and newer ones were kept]',
        '[2 images: in the next user message]',
      ].join('\n\n'),
    );
    expect(sent.filter((message) => message.role === 'tool').at(-1)!.content).toBe(
      '[4 images: in the next user message]',
    );
  });

  it('describes an image Mistral would refuse, and refuses malformed tool content', () => {
    const sent = accepted(
      history({
        role: 'tool',
        toolCallId: 'a',
        name: 'shot',
        content: [png('data:image/svg+xml;base64,PHN2Zz4=')],
      }),
    );
    expect(sent[2]!.content).toMatch(/^\[image not shown: Mistral takes https:\/\/ and data:image/);
    const bad = history({
      role: 'tool',
      toolCallId: 'a',
      name: 'shot',
      content: [{ type: 'audio' }] as never,
    });
    expect(() => compileMessages(bad)).toThrow(UserInputError);
    expect(() => compileMessages(bad)).toThrow(
      /messages\[2\]\.content is neither a string nor text and image parts/,
    );
  });
});
