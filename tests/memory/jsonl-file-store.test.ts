import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isDragomanError } from '../../src/errors.js';
import type { Message } from '../../src/models/types.js';
import { JsonlFileStore, sessionFileName } from '../../src/node/index.js';

const workerPath = new URL('./support/append-worker.ts', import.meta.url).pathname;
const roots: string[] = [];
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'dragoman-jsonl-'));
  roots.push(directory);
});
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

const turn = (label: string): Message[] => [
  { role: 'user', content: `${label} question` },
  { role: 'assistant', content: `${label} answer` },
];
const fileOf = (sessionId: string) => join(directory, sessionFileName(sessionId));

function startWorker(sessionId: string, label: string, turns: number, bytes: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', workerPath, directory, sessionId, label, String(turns), String(bytes)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    });
    child.on('exit', () =>
      output.includes(text) ? resolve() : reject(new Error(`worker exited before "${text}"`)),
    );
  });
}

/** Checks that the loaded messages are whole worker turns: label:turn:0..2, turns in order per label. */
function expectWholeTurns(messages: readonly Message[]): Map<string, number> {
  expect(messages.length % 3).toBe(0);
  const next = new Map<string, number>();
  for (let index = 0; index < messages.length; index += 3) {
    const [label, turnText] = String(messages[index]?.content).split(' ')[0]!.split(':');
    const expectedTurn = next.get(label!) ?? 0;
    expect(Number(turnText)).toBe(expectedTurn);
    for (let k = 0; k < 3; k++) {
      expect(String(messages[index + k]?.content).startsWith(`${label}:${turnText}:${k} `)).toBe(true);
    }
    next.set(label!, expectedTurn + 1);
  }
  return next;
}

describe('JsonlFileStore files', () => {
  it('writes one readable JSON line per message and a commit line per turn', async () => {
    const store = new JsonlFileStore({ directory, now: () => new Date('2026-01-02T03:04:05Z') });
    await store.append('chat-1', turn('one'));
    const lines = (await readFile(fileOf('chat-1'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { dragoman: 'session', version: 1, sessionId: 'chat-1' },
      { turn: 1, message: { role: 'user', content: 'one question' } },
      { turn: 1, message: { role: 'assistant', content: 'one answer' } },
      { turn: 1, commit: 2, at: '2026-01-02T03:04:05.000Z' },
    ]);
    expect(sessionFileName('chat-1')).toMatch(/^chat-1\.[0-9a-f]{16}\.jsonl$/);
  });

  it('ignores a torn last turn on load, and the next append truncates it', async () => {
    const store = new JsonlFileStore({ directory });
    await store.append('s', turn('one'));
    await store.append('s', turn('two'));
    const before = await readFile(fileOf('s'), 'utf8');
    await appendFile(fileOf('s'), '{"turn":3,"message":{"role":"user","content":"half"}}\n{"turn":3,"mess');
    expect(await store.load('s')).toEqual([...turn('one'), ...turn('two')]);
    await store.append('s', turn('three'));
    expect(await store.load('s')).toEqual([...turn('one'), ...turn('two'), ...turn('three')]);
    const after = await readFile(fileOf('s'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after).not.toContain('half');
    expect(after).toContain('"turn":3,"commit":2');
  });

  it('ignores a turn whose commit count does not match, and a garbled line, keeping later turns', async () => {
    const store = new JsonlFileStore({ directory });
    await store.append('s', turn('one'));
    await appendFile(
      fileOf('s'),
      '{"turn":2,"message":{"role":"user","content":"lost"}}\n{"turn":2,"commit":5,"at":""}\nnot json\n',
    );
    await store.append('s', turn('three'));
    expect(await store.load('s')).toEqual([...turn('one'), ...turn('three')]);
  });

  it('finds the last commit behind turns and torn tails larger than its first read window', async () => {
    const store = new JsonlFileStore({ directory });
    const big: Message[] = [{ role: 'user', content: 'b'.repeat(300_000) }, ...turn('big')];
    await store.append('s', turn('one'));
    await store.append('s', big);
    await appendFile(fileOf('s'), `{"turn":3,"message":{"role":"user","content":"${'t'.repeat(200_000)}`);
    await store.append('s', turn('three'));
    expect(await store.load('s')).toEqual([...turn('one'), ...big, ...turn('three')]);
    expect(await readFile(fileOf('s'), 'utf8')).not.toContain('ttttt');
  });

  it('breaks a stale lock left by a dead process', async () => {
    const store = new JsonlFileStore({ directory, lock: { timeoutMs: 2_000 } });
    await writeFile(
      `${fileOf('s')}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12_345, host: (await import('node:os')).hostname(), token: 'dead' }),
    );
    await store.append('s', turn('one'));
    expect(await store.load('s')).toEqual(turn('one'));
    expect((await readdir(directory)).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('breaks a lock older than staleMs, and times out on a fresh lock held by a live process', async () => {
    const lock = `${fileOf('s')}.lock`;
    const owner = JSON.stringify({
      pid: process.pid,
      host: (await import('node:os')).hostname(),
      token: 'live',
    });
    await writeFile(lock, owner);
    const impatient = new JsonlFileStore({ directory, lock: { timeoutMs: 150, staleMs: 60_000 } });
    await expect(impatient.append('s', turn('x'))).rejects.toSatisfy(
      (error: unknown) =>
        isDragomanError(error) && error.code === 'timeout' && error.message.includes('.lock'),
    );
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    const patient = new JsonlFileStore({ directory, lock: { timeoutMs: 2_000, staleMs: 60_000 } });
    await patient.append('s', turn('y'));
    expect(await patient.load('s')).toEqual(turn('y'));
  });

  it('rejects a missing directory option clearly', () => {
    expect(() => new JsonlFileStore({ directory: '' })).toThrow(/needs a directory/);
  });
});

describe('JsonlFileStore across processes', () => {
  it('two processes appending to the same session lose and interleave no turns', async () => {
    const first = startWorker('shared', 'A', 40, 100);
    const second = startWorker('shared', 'B', 40, 100);
    await Promise.all([waitFor(first, 'done'), waitFor(second, 'done')]);
    const messages = await new JsonlFileStore({ directory }).load('shared');
    const turns = expectWholeTurns(messages);
    expect(turns.get('A')).toBe(40);
    expect(turns.get('B')).toBe(40);
  }, 60_000);

  it('a process killed with SIGKILL mid-append leaves only whole turns, and appending continues', async () => {
    for (let iteration = 0; iteration < 4; iteration++) {
      const sessionId = `crash-${iteration}`;
      const worker = startWorker(sessionId, 'K', 10_000, 200_000);
      await waitFor(worker, 'ready');
      await new Promise((resolve) => setTimeout(resolve, 150 + iteration * 120));
      const exited = new Promise((resolve) => worker.on('exit', resolve));
      worker.kill('SIGKILL');
      await exited;
      const store = new JsonlFileStore({ directory, lock: { timeoutMs: 5_000 } });
      const before = await store.load(sessionId);
      const turns = expectWholeTurns(before).get('K') ?? 0;
      await store.append(sessionId, [
        { role: 'user', content: `K:${turns}:0 after` },
        { role: 'assistant', content: `K:${turns}:1 after` },
        { role: 'user', content: `K:${turns}:2 after` },
      ]);
      const after = await store.load(sessionId);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(expectWholeTurns(after).get('K')).toBe(turns + 1);
    }
  }, 60_000);
});
