import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TOKENS } from '../../src/tokens/chat-template.js';
import { nodeRequire } from '../../src/tokens/node-require.js';
import { loadTekkenEngine, type TekkenEngine } from '../../src/tokens/tekken-engine.js';
import { readFixture, type TekkenVectors } from './support/fixtures.js';

const vectors = readFixture<TekkenVectors>('tokenizer/tekken-test-vectors.json');
let engine: TekkenEngine;

beforeAll(() => {
  const requireFn = nodeRequire();
  if (!requireFn) throw new Error('Node has a require');
  engine = loadTekkenEngine(requireFn);
});

describe('Tekken engine reproduces published token ids', () => {
  it.each(vectors.text_vectors)('mistral-common ids for $text', ({ text, ids }) => {
    expect(engine.encode(text)).toEqual(ids);
    expect(engine.countText(text)).toBe(ids.length);
  });

  it.each(vectors.self_computed.vectors)('regression ids for $text', ({ text, ids }) => {
    expect(engine.encode(text)).toEqual(ids);
  });

  it.each(vectors.hash_vectors)('llama.cpp chkhsh (add_bos $add_bos)', (vector) => {
    const ids = [...(vector.add_bos ? [CONTROL_TOKENS.bos] : []), ...engine.encode(vector.text)];
    expect(ids).toHaveLength(vector.expected_length);
    const pythonStr = `[${ids.join(', ')}]`;
    expect(createHash('sha256').update(pythonStr, 'utf8').digest('hex')).toBe(
      vector.expected_sha256_of_python_str_of_ids,
    );
  });

  it('the full v7 chat: text between control tokens encodes to the published ids', () => {
    const controlIds: Record<string, number> = {
      '<s>': 1,
      '</s>': 2,
      '[INST]': 3,
      '[/INST]': 4,
      '[AVAILABLE_TOOLS]': 5,
      '[/AVAILABLE_TOOLS]': 6,
      '[TOOL_RESULTS]': 7,
      '[/TOOL_RESULTS]': 8,
      '[TOOL_CALLS]': 9,
      '[SYSTEM_PROMPT]': 17,
      '[/SYSTEM_PROMPT]': 18,
      '[TOOL_CONTENT]': 19,
    };
    const pattern = new RegExp(
      `(${Object.keys(controlIds)
        .map((token) => token.replace(/[[\]/]/g, '\\$&'))
        .join('|')})`,
    );
    const ids: number[] = [];
    for (const segment of vectors.full_chat_vector.decoded_text.split(pattern)) {
      if (segment.length === 0) continue;
      const control = controlIds[segment];
      if (control !== undefined) ids.push(control);
      else ids.push(...engine.encode(segment));
    }
    expect(ids).toEqual(vectors.full_chat_vector.token_ids);
  });

  it('an empty text has no tokens', () => {
    expect(engine.countText('')).toBe(0);
    expect(engine.encode('')).toEqual([]);
  });

  it('text that looks like a control token is plain text', () => {
    expect(engine.encode('[INST]').every((id) => id >= 1000)).toBe(true);
  });
});
