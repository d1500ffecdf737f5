import { describe, expect, it } from 'vitest';
import { withLanguagePrefix } from '../../examples/arabic-assistant/language-prefix.js';
import type { StreamDelta } from '../../src/models/types.js';
import { isArabicText } from '../../src/routing/index.js';
import { FakeModel } from '../../src/testing/index.js';

const PREFIX = 'بالعربية: ';
const request = { messages: [{ role: 'user' as const, content: 'ما عاصمة المغرب؟' }] };

async function collect(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

describe('withLanguagePrefix', () => {
  it('leaves an answer in the wanted language alone (one call)', async () => {
    const fake = new FakeModel({ steps: [{ text: 'عاصمة المغرب هي الرباط.' }] });
    const model = withLanguagePrefix(fake, { prefix: PREFIX, accepts: isArabicText });
    expect((await model.generate(request)).message.content).toBe('عاصمة المغرب هي الرباط.');
    expect(fake.requests).toHaveLength(1);
  });

  it('asks again with a trailing prefix message when the answer drifts, and restores the prefix', async () => {
    const drifts: string[] = [];
    const fake = new FakeModel({
      steps: [
        { text: 'The capital is Rabat.', usage: { promptTokens: 7 } },
        { text: 'الرباط.', usage: { promptTokens: 9 } },
      ],
    });
    const model = withLanguagePrefix(fake, {
      prefix: PREFIX,
      accepts: isArabicText,
      onDrift: (text) => drifts.push(text),
    });
    const response = await model.generate(request);
    expect(response.message.content).toBe(`${PREFIX}الرباط.`);
    expect(response.usage.promptTokens).toBe(16);
    expect(fake.requests[1]?.messages.at(-1)).toEqual({ role: 'assistant', content: PREFIX, prefix: true });
    expect(drifts).toEqual(['The capital is Rabat.']);
  });

  it('passes tool calls through without a prefix', async () => {
    const fake = new FakeModel({
      steps: [{ toolCalls: [{ name: 'convert_date', arguments: { gregorian: '2024-03-11' } }] }],
    });
    const model = withLanguagePrefix(fake, { prefix: PREFIX, accepts: isArabicText });
    expect((await model.generate(request)).message.toolCalls).toHaveLength(1);
    const streamed = await collect(
      withLanguagePrefix(new FakeModel({ steps: [{ toolCalls: [{ name: 't', arguments: {} }] }] }), {
        prefix: PREFIX,
        accepts: isArabicText,
      }).stream(request),
    );
    expect(streamed.map((delta) => delta.type)).toEqual(['tool-call-delta', 'finish']);
  });

  it('streams: holds the first letters, restarts a drifting stream with the prefix, never shows the drift', async () => {
    const fake = new FakeModel({
      steps: [
        { text: 'Sure, the capital of Morocco is Rabat.', chunkSize: 4 },
        { text: 'الرباط هي العاصمة.', chunkSize: 4 },
      ],
    });
    const deltas = await collect(
      withLanguagePrefix(fake, { prefix: PREFIX, accepts: isArabicText }).stream(request),
    );
    const text = deltas.map((delta) => (delta.type === 'text-delta' ? delta.text : '')).join('');
    expect(text).toBe(`${PREFIX}الرباط هي العاصمة.`);
    const finish = deltas.at(-1);
    expect(finish?.type === 'finish' && finish.response.message.content).toBe(`${PREFIX}الرباط هي العاصمة.`);
    expect(fake.requests[1]?.messages.at(-1)).toMatchObject({ prefix: true });
  });

  it('streams an accepted or very short answer unchanged', async () => {
    const arabic = await collect(
      withLanguagePrefix(new FakeModel({ steps: [{ text: 'عاصمة المغرب هي الرباط.', chunkSize: 3 }] }), {
        prefix: PREFIX,
        accepts: isArabicText,
      }).stream(request),
    );
    expect(arabic.map((delta) => (delta.type === 'text-delta' ? delta.text : '')).join('')).toBe(
      'عاصمة المغرب هي الرباط.',
    );
    const short = new FakeModel({ steps: [{ text: '42' }] });
    const deltas = await collect(
      withLanguagePrefix(short, { prefix: PREFIX, accepts: isArabicText }).stream(request),
    );
    expect(deltas.map((delta) => delta.type)).toEqual(['text-delta', 'finish']);
    expect(short.requests).toHaveLength(1);
  });
});
