/**
 * Fuzzing the JSONL session file: a file written by the store is cut at any byte, corrupted, or replaced by
 * arbitrary text, and a fresh store loads it. Load must never crash (a typed DragomanError at most), must
 * return whole turns only, and after a torn tail a new append must load cleanly after the surviving turns.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDragomanError } from '../../src/errors.js';
import type { Message } from '../../src/models/types.js';
import { checkHistory, crashTurn, TURN_SIZE } from './support/crash-turns.js';
import { scale } from './support/scale.js';
import { openFileStore, temporaryDirectory } from './support/stores.js';

const RUNS = scale(300, 60);
const SESSION = 'fuzz-session';
const TURNS = 6;

interface Sample {
  bytes: Buffer;
  /** File size after each turn's append resolved. */
  sizes: number[];
}

let directory: string;
let removeDirectory: () => Promise<void>;
let sample: Sample;
let sessionFile: string;

beforeAll(async () => {
  ({ directory, cleanup: removeDirectory } = await temporaryDirectory('fuzz-jsonl'));
  const store = openFileStore(directory);
  const sizes: number[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    await store.append(SESSION, crashTurn('s', turn));
    const [name] = (await readdir(directory, { recursive: true }))
      .map(String)
      .filter((file) => file.endsWith('.jsonl'));
    sessionFile = path.join(directory, name as string);
    sizes.push((await stat(sessionFile)).size);
  }
  sample = { bytes: await readFile(sessionFile), sizes };
});

afterAll(async () => {
  await removeDirectory();
});

/** Loads with a fresh store; returns the messages or the error. */
async function reload(): Promise<{ history?: Message[]; error?: unknown }> {
  try {
    return { history: await openFileStore(directory).load(SESSION) };
  } catch (error) {
    return { error };
  }
}

function expectWholeTurnShapes(history: readonly Message[]): void {
  expect(history.length % TURN_SIZE).toBe(0);
  for (let start = 0; start < history.length; start += TURN_SIZE) {
    expect(history.slice(start, start + TURN_SIZE).map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  }
}

describe('fuzzing the JSONL session file', () => {
  it('a file cut at any byte loads exactly the turns committed before the cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sample.bytes.length }), async (cut) => {
        await writeFile(sessionFile, sample.bytes.subarray(0, cut));
        const { history, error } = await reload();
        expect(error).toBeUndefined();
        const committed = sample.sizes.filter((size) => size <= cut).length;
        expect(checkHistory(history ?? []).problems).toEqual([]);
        expect(history).toHaveLength(committed * TURN_SIZE);
      }),
      { numRuns: RUNS },
    );
  });

  it('after a torn tail, a new append is stored after the surviving turns and loads cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sample.bytes.length }), async (cut) => {
        await writeFile(sessionFile, sample.bytes.subarray(0, cut));
        const committed = sample.sizes.filter((size) => size <= cut).length;
        await openFileStore(directory).append(SESSION, crashTurn('s', committed));
        const { history, error } = await reload();
        expect(error).toBeUndefined();
        const check = checkHistory(history ?? []);
        expect(check.problems).toEqual([]);
        expect(check.turnsByTag.get('s')).toHaveLength(committed + 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('corrupted bytes (flips, deletions, insertions, duplicated lines) never crash load, which keeps whole turns', async () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 200 }),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.oneof(
          fc.string(),
          fc.constantFrom('\n', '{}\n', '{"turn":1,"commit":4}\n', '\u0000', '\r\n', 'null\n'),
        ),
      }),
      fc.record({
        kind: fc.constant('duplicate' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 4000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (changes) => {
        let bytes = Buffer.from(sample.bytes);
        for (const step of changes) {
          const at = step.at % (bytes.length + 1);
          if (step.kind === 'flip' && bytes.length > 0)
            bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ (1 << step.bit);
          else if (step.kind === 'delete')
            bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + step.length)]);
          else if (step.kind === 'insert')
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(step.text), bytes.subarray(at)]);
          else if (step.kind === 'duplicate')
            bytes = Buffer.concat([
              bytes.subarray(0, at),
              bytes.subarray(at, at + step.length),
              bytes.subarray(at),
            ]);
        }
        await writeFile(sessionFile, bytes);
        const { history, error } = await reload();
        if (error !== undefined) {
          expect(isDragomanError(error), String(error)).toBe(true);
          return;
        }
        expectWholeTurnShapes(history ?? []);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary file contents never crash load', async () => {
    const line = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record({
          turn: fc.oneof(fc.integer(), fc.jsonValue()),
          message: fc.jsonValue(),
          commit: fc.oneof(fc.nat(), fc.jsonValue()),
        })
        .map((value) => JSON.stringify(value)),
      fc
        .record({
          turn: fc.nat({ max: 3 }),
          message: fc.record({
            role: fc.constantFrom('user', 'tool', 'assistant', 'system', 'x'),
            content: fc.jsonValue(),
          }),
        })
        .map((value) => JSON.stringify(value)),
      fc
        .record({ turn: fc.nat({ max: 3 }), commit: fc.nat({ max: 4 }) })
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), fc.boolean(), async (lines, finalNewline) => {
        await writeFile(sessionFile, lines.join('\n') + (finalNewline ? '\n' : ''));
        const { history, error } = await reload();
        if (error !== undefined) {
          expect(isDragomanError(error), String(error)).toBe(true);
          return;
        }
        expect(Array.isArray(history)).toBe(true);
        for (const message of history ?? []) {
          expect(['system', 'user', 'assistant', 'tool']).toContain(message.role);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
