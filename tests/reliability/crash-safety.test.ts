/**
 * Crash safety of the JSONL file store: writer processes are SIGKILLed at random moments while they append,
 * and every reopen (a fresh store on the same directory) must load whole, intact turns only, keeping every
 * turn whose append had resolved. Two processes appending to one session lose and interleave nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistory } from './support/crash-turns.js';
import { reportFigure } from './support/figures.js';
import { scale } from './support/scale.js';
import { openFileStore, temporaryDirectory } from './support/stores.js';
import { startWriter } from './support/writer-process.js';

const KILLS = scale(200, 20);
const SESSION = 'crash-session';

async function sessionFileText(directory: string): Promise<string> {
  const files = (await readdir(directory, { recursive: true }))
    .map(String)
    .filter((name) => name.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return readFile(path.join(directory, files[0] as string), 'utf8');
}

describe('JSONL store crash safety', () => {
  it(
    `SIGKILL at a random moment of appending, ${KILLS} times: every reopen loads whole turns, acknowledged ones kept`,
    async () => {
      const { directory, cleanup } = await temporaryDirectory('crash');
      try {
        const started = performance.now();
        const acknowledged = new Map<string, number>();
        let tornTails = 0;
        let staleLocks = 0;
        let turnsWritten = 0;
        for (let iteration = 0; iteration < KILLS; iteration++) {
          const writer = startWriter(directory, SESSION, `w${iteration}`);
          await writer.ready;
          // Kill somewhere in the first ~80 ms of appending: before, between and inside writes.
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 80)));
          writer.kill();
          const exit = await writer.exited;
          expect(exit.signal, exit.stderr).toBe('SIGKILL');
          acknowledged.set(writer.tag, writer.acked);
          const names = (await readdir(directory, { recursive: true })).map(String);
          // A kill inside an append leaves its lock file behind: the next writer must break it.
          if (names.some((name) => name.endsWith('.lock'))) staleLocks++;
          if (names.some((name) => name.endsWith('.jsonl'))) {
            const text = await sessionFileText(directory);
            if (text !== '' && !text.endsWith('\n')) tornTails++;
          }

          const history = await openFileStore(directory).load(SESSION);
          const { turnsByTag, problems } = checkHistory(history);
          expect(problems, `after kill ${iteration}`).toEqual([]);
          for (const [tag, acked] of acknowledged) {
            // Every append that resolved before the kill survived it (and later reopens and appends).
            expect(turnsByTag.get(tag)?.length ?? 0, `turns of ${tag}`).toBeGreaterThanOrEqual(acked + 1);
          }
          turnsWritten = [...turnsByTag.values()].reduce((sum, turns) => sum + turns.length, 0);
        }
        reportFigure('crash.kills', KILLS);
        reportFigure('crash.seconds', Math.round((performance.now() - started) / 1000), 's');
        reportFigure('crash.tornTailsSeen', tornTails);
        reportFigure('crash.staleLocksLeft', staleLocks);
        reportFigure('crash.turnsKept', turnsWritten);
      } finally {
        await cleanup();
      }
      // Each kill starts a node process (~0.3-1 s on a busy 2-core machine).
    },
    scale(480_000, 120_000),
  );

  it('two processes appending to one session: no turn lost or interleaved', async () => {
    const { directory, cleanup } = await temporaryDirectory('two-writers');
    const turns = scale(200, 40);
    try {
      const writers = [
        startWriter(directory, SESSION, 'a', turns),
        startWriter(directory, SESSION, 'b', turns),
      ];
      const exits = await Promise.all(writers.map((writer) => writer.exited));
      for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
      const { turnsByTag, problems } = checkHistory(await openFileStore(directory).load(SESSION));
      expect(problems).toEqual([]);
      expect(turnsByTag.get('a')).toHaveLength(turns);
      expect(turnsByTag.get('b')).toHaveLength(turns);
    } finally {
      await cleanup();
    }
  });

  it('two processes on one session, one killed at a random moment: the other loses nothing', async () => {
    const { directory, cleanup } = await temporaryDirectory('two-writers-kill');
    const turns = scale(150, 30);
    try {
      const survivor = startWriter(directory, SESSION, 'survivor', turns);
      const victim = startWriter(directory, SESSION, 'victim');
      await Promise.all([survivor.ready, victim.ready]);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 60)));
      victim.kill();
      const [survived] = await Promise.all([survivor.exited, victim.exited]);
      expect(survived.code, survived.stderr).toBe(0);
      const { turnsByTag, problems } = checkHistory(await openFileStore(directory).load(SESSION));
      expect(problems).toEqual([]);
      expect(turnsByTag.get('survivor')).toHaveLength(turns);
      expect(turnsByTag.get('victim')?.length ?? 0).toBeGreaterThanOrEqual(victim.acked + 1);
    } finally {
      await cleanup();
    }
  });
});
