/**
 * What a command leaves behind: nothing. A program that starts background work and returns must not leave
 * that work running once run_command has answered (it would go on editing files or holding ports after the
 * agent moved on), and a background process that keeps the output pipe open must not hold the call until
 * its time limit. Real processes, checked by pid.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/tools/builtin/index.js';
import { runCalls } from './support/sandbox-run.js';
import { createSandboxWorkspace, type SandboxWorkspace } from './support/sandbox-workspace.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

/** A node -e script that starts `sleep 30` in the background, writes its pid to bg.pid, and returns. */
function startBackground(stdio: 'ignore' | 'inherit'): string[] {
  const script = `const c = require('child_process').spawn('sleep', ['30'], { stdio: '${stdio}' });
require('fs').writeFileSync('bg.pid', String(c.pid)); c.unref(); setTimeout(() => process.exit(0), 50);`;
  return ['-e', script];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for the process to be gone; true when it is. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !isAlive(pid);
}

describe('run_command cleans up after the command returns', () => {
  it('kills a background process the command started, through the agent loop', async () => {
    const { toolMessages } = await runCalls(
      workspace.root,
      [{ name: 'run_command', arguments: { command: 'node', args: startBackground('ignore') } }],
      { allowlist: ['node'] },
    );
    expect(toolMessages[0]?.content).toContain('exit code 0');
    const pid = Number(await readFile(path.join(workspace.root, 'bg.pid'), 'utf8'));
    const gone = await goneWithin(pid, 2_000);
    if (!gone) process.kill(pid, 'SIGKILL');
    expect(gone).toBe(true);
  });

  it('returns when the command exits, even if a background process holds its output open', async () => {
    const started = performance.now();
    const result = await runCommand(workspace.root, 'node', startBackground('inherit'), {
      timeoutMs: 15_000,
    });
    const pid = Number(await readFile(path.join(workspace.root, 'bg.pid'), 'utf8'));
    const gone = await goneWithin(pid, 2_000);
    if (!gone) process.kill(pid, 'SIGKILL');
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(gone).toBe(true);
  });
});
