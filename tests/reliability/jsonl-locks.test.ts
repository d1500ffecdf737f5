/**
 * The JSONL store's lock under pressure: a holder frozen past `staleMs` must not overwrite the turn of the
 * writer that broke its lock; hundreds of concurrent runs on one session in one process must all commit;
 * an abort while waiting for the lock stops the wait; an unreadable file is moved aside, not truncated.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { withFileLock } from '../../src/memory/file-lock.js';
import { sessionFileName } from '../../src/memory/session-file-name.js';
import { JsonlFileStore } from '../../src/node/index.js';
import { reportFigure } from './support/figures.js';
import { scale } from './support/scale.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'dragoman-locks-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function textsOf(messages: Array<{ content?: unknown }>): string[] {
  return messages.map((message) => String(message.content));
}

describe('JSONL locks', () => {
  it('a writer frozen past staleMs writes nothing over the turn of the writer that broke its lock', async () => {
    const store = new JsonlFileStore({ directory, lock: { staleMs: 300 } });
    await store.append('s', [{ role: 'user', content: 'first' }]);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./support/paused-writer-child.ts', import.meta.url)),
        directory,
        's',
        '1500',
        '300',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
    });
    await new Promise<void>((resolve) => {
      const check = () => (output.includes('locked') ? resolve() : setTimeout(check, 10));
      check();
    });
    // The child holds the lock and is frozen; once the lock is older than staleMs it is broken.
    await store.append('s', [{ role: 'user', content: 'acknowledged while the other writer was frozen' }]);
    await new Promise<void>((resolve) => child.once('close', () => resolve()));
    expect(output).toMatch(/error session-conflict/u);
    const texts = textsOf(await store.load('s'));
    expect(texts).toEqual(['first', 'acknowledged while the other writer was frozen']);
  });

  it('hundreds of concurrent appends to one session in one process all commit, in full', async () => {
    const count = scale(500, 150);
    const store = new JsonlFileStore({ directory, lock: { timeoutMs: 10_000 } });
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        store.append('busy', [
          { role: 'user', content: `question ${index}` },
          { role: 'assistant', content: `answer ${index}` },
        ]),
      ),
    );
    reportFigure('jsonl: concurrent appends to one session', count);
    reportFigure(
      'jsonl: appends that failed',
      outcomes.filter((outcome) => outcome.status === 'rejected').length,
    );
    reportFigure('jsonl: time for all appends', Math.round(performance.now() - started), 'ms');
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const texts = textsOf(await store.load('busy'));
    expect(texts).toHaveLength(count * 2);
    for (let index = 0; index < count; index++) {
      const at = texts.indexOf(`question ${index}`);
      expect(texts[at + 1]).toBe(`answer ${index}`);
    }
  });

  it('an abort while the append waits for the lock stops the wait and stores nothing', async () => {
    const store = new JsonlFileStore({ directory });
    await store.append('held', [{ role: 'user', content: 'before' }]);
    const file = path.join(directory, sessionFileName('held'));
    const controller = new AbortController();
    let outcome: unknown;
    // The lock is held until the waiting append has settled: if the abort did not stop the wait, the
    // append would wait for this holder and this holder for it, and the test would time out.
    await withFileLock(`${file}.lock`, async () => {
      const waiting = store.append('held', [{ role: 'user', content: 'never' }], {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      outcome = await waiting.catch((error: unknown) => error);
    });
    expect(outcome).toBeInstanceOf(AbortError);
    expect(textsOf(await store.load('held'))).toEqual(['before']);
  });

  it('moves an unreadable session file aside instead of truncating it', async () => {
    const store = new JsonlFileStore({ directory });
    const file = path.join(directory, sessionFileName('broken'));
    await writeFile(file, "not a dragoman session\nsomebody else's data\n");
    await store.append('broken', [{ role: 'user', content: 'fresh' }]);
    expect(textsOf(await store.load('broken'))).toEqual(['fresh']);
    const aside = (await readdir(directory)).filter((name) => name.includes('.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(directory, aside[0]!), 'utf8')).toContain("somebody else's data");
  });
});
