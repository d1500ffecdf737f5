/**
 * Ctrl+C in a CLI built on dragoman: SIGINT becomes an abort (abortOnInterrupt), the run stops, and the
 * command's whole process group is killed, so nothing is re-parented to PID 1 and left running. Real
 * processes and a real signal.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { abortOnInterrupt, type SignalSource, type StopSignalName } from '../../src/tools/builtin/index.js';
import { createSandboxWorkspace, type SandboxWorkspace } from './support/sandbox-workspace.js';

const childPath = fileURLToPath(new URL('./support/interrupt-child.ts', import.meta.url));

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<Value>(read: () => Promise<Value | undefined>, ms: number): Promise<Value> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Ctrl+C', () => {
  it('aborts the run and kills the running command with its children', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', childPath, workspace.root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pidsFile = path.join(workspace.root, 'pids.txt');
    const pids = await waitFor(async () => {
      const text = await readFile(pidsFile, 'utf8');
      return /^\d+ \d+$/.test(text) ? text.split(' ').map(Number) : undefined;
    }, 30_000);
    child.kill('SIGINT');
    const code = await exited;
    // Killed processes may linger a moment as zombies until init reaps them.
    await waitFor(async () => (pids.some(isAlive) ? undefined : true), 2_000).catch(() => undefined);
    const survivors = pids.filter(isAlive);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    expect({ code, stdout: stdout.trim(), stderr }).toEqual({
      code: 130,
      stdout: 'Interrupted.',
      stderr: '',
    });
    expect(survivors).toEqual([]);
  });

  it('aborts on the first signal, exits on the second, and lets go on dispose', () => {
    const listeners = new Map<string, (signal: StopSignalName) => void>();
    const exits: number[] = [];
    const source: SignalSource = {
      on: (signal, listener) => listeners.set(signal, listener),
      off: (signal) => listeners.delete(signal),
      exit: (code) => {
        exits.push(code);
        return undefined as never;
      },
    };
    const interrupt = abortOnInterrupt({ source });
    expect([...listeners.keys()]).toEqual(['SIGINT', 'SIGTERM']);
    listeners.get('SIGINT')?.('SIGINT');
    expect(interrupt.signal.reason).toBeInstanceOf(AbortError);
    expect(interrupt.signal.reason.message).toBe('Interrupted by SIGINT.');
    listeners.get('SIGINT')?.('SIGINT');
    expect(exits).toEqual([130]);
    interrupt.dispose();
    expect(listeners.size).toBe(0);
  });
});
