import { describe, expect, it } from 'vitest';
import { DragomanError } from '../../src/errors.js';
import type { StreamDelta } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';

const userTurn = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('FakeModel', () => {
  it('answers scripted steps in order and records each request', async () => {
    const model = new FakeModel({
      steps: [{ text: 'one' }, { toolCalls: [{ name: 'add', arguments: { a: 1 } }] }],
    });
    const first = await model.generate(userTurn);
    const second = await model.generate(userTurn);
    expect(first.message.content).toBe('one');
    expect(first.finishReason).toBe('stop');
    expect(second.finishReason).toBe('tool-calls');
    expect(second.message.toolCalls?.[0]).toMatchObject({ name: 'add', arguments: '{"a":1}' });
    expect(second.message.toolCalls?.[0]?.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(model.requests).toHaveLength(2);
  });

  it('streams text in chunks and ends with the full response', async () => {
    const model = new FakeModel({ steps: [{ text: 'hello world', chunkSize: 4 }] });
    const deltas: StreamDelta[] = [];
    for await (const delta of model.stream(userTurn)) deltas.push(delta);
    expect(
      deltas.filter((d) => d.type === 'text-delta').map((d) => (d.type === 'text-delta' ? d.text : '')),
    ).toEqual(['hell', 'o wo', 'rld']);
    expect(deltas.at(-1)).toMatchObject({
      type: 'finish',
      response: { message: { content: 'hello world' } },
    });
  });

  it('throws a clear error when the queue is empty', async () => {
    const model = new FakeModel({ id: 'm1' });
    await expect(model.generate(userTurn)).rejects.toThrow(
      /FakeModel "m1" has no scripted reply for call #1/,
    );
    await expect(model.generate(userTurn)).rejects.toBeInstanceOf(DragomanError);
  });

  it('throws scripted errors and answers functions of the request', async () => {
    const model = new FakeModel({
      steps: [new Error('boom'), (request) => ({ text: `got ${request.messages.length}` })],
    });
    await expect(model.generate(userTurn)).rejects.toThrow('boom');
    expect((await model.generate(userTurn)).message.content).toBe('got 1');
  });
});

describe('FakeModel default tool-call ids', () => {
  it('stay unique and in Mistral format over many calls and many tool calls per reply', async () => {
    const steps = Array.from({ length: 10_050 }, (_, index) => ({
      toolCalls: Array.from({ length: index === 0 ? 1_500 : 2 }, () => ({ name: 'noop', arguments: {} })),
    }));
    const model = new FakeModel({ steps });
    const ids = new Set<string>();
    for (let index = 0; index < steps.length; index++) {
      const response = await model.generate({ messages: [{ role: 'user', content: 'x' }] });
      for (const call of response.message.toolCalls ?? []) {
        expect(call.id).toMatch(/^[a-zA-Z0-9]{9}$/u);
        ids.add(call.id);
      }
    }
    expect(ids.size).toBe(1_500 + 10_049 * 2);
  });
});
