/**
 * Limits of the workspace tools under a hostile model, through the agent loop: huge and binary files,
 * command output caps, command time limits, and search patterns built to backtrack forever.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCalls } from './support/sandbox-run.js';
import { createSandboxWorkspace, type SandboxWorkspace } from './support/sandbox-workspace.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

describe('size, binary and time limits', () => {
  it('a huge file is refused or capped, and the model never gets more than the tool output limit', async () => {
    await writeFile(path.join(workspace.root, 'huge.txt'), 'x'.repeat(5 * 2 ** 20));
    const { toolMessages } = await runCalls(workspace.root, [
      { name: 'read_file', arguments: { path: 'huge.txt' } },
      { name: 'search_files', arguments: { pattern: 'x', path: '.' } },
    ]);
    for (const message of toolMessages) expect(message.content.length).toBeLessThanOrEqual(25_000);
    expect(toolMessages[0]?.isError).toBe(true);
  });

  // Was bug R8: `(a|aa)*$` on 40 "a"s and a "!" blocked the event loop for about a minute. Patterns that can
  // backtrack now run in a worker thread stopped by the tool's signal or the search time limit. The search
  // still runs in a child process killed after 6 s, so a regression cannot hang the runner.
  it('a catastrophic-backtracking search pattern cannot block the run', async () => {
    await writeFile(path.join(workspace.root, 'a.txt'), `${'a'.repeat(40)}!\n`);
    const { code, output } = await searchInChild(['(a+)+$', '(a|aa)*$', '(a|a)*$', '(.*a){12}$']);
    expect(code).toBe(0);
    expect(output).toMatch(/^done \d+/);
  });

  // Was: a glob like "{*,*}" ten times compiled to a backtracking regular expression on the main thread and
  // froze the process on a long file name. Globs now run on an automaton that reads a path once.
  it('a glob built to backtrack cannot block the run', async () => {
    await writeFile(path.join(workspace.root, `${'a'.repeat(60)}.x`), 'a\n');
    const { code, output } = await searchInChild(['a'], `${'{*,*}'.repeat(10)}!`);
    expect(code).toBe(0);
    expect(output).toMatch(/^done \d+/);
  });

  it('a binary file is described, not dumped', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
    await writeFile(path.join(workspace.root, 'blob.bin'), bytes);
    const { toolMessages } = await runCalls(workspace.root, [
      { name: 'read_file', arguments: { path: 'blob.bin' } },
    ]);
    expect(toolMessages[0]?.isError).toBe(true);
    expect(toolMessages[0]?.content).toMatch(/binary/i);
    expect(toolMessages[0]?.content).not.toContain('\u0000');
  });

  it('command output is capped at maxOutputBytes, with the dropped bytes reported', async () => {
    const { toolMessages } = await runCalls(
      workspace.root,
      [
        {
          name: 'run_command',
          arguments: { command: 'node', args: ['-e', "process.stdout.write('y'.repeat(1000000))"] },
        },
      ],
      { limits: { maxOutputBytes: 1_000 } },
    );
    const content = toolMessages[0]?.content ?? '';
    expect(content.length).toBeLessThan(2_000);
    expect(content).toContain('999000 more bytes not shown');
  });

  it('a command past its time limit is killed promptly', async () => {
    const started = performance.now();
    const { toolMessages } = await runCalls(
      workspace.root,
      [{ name: 'run_command', arguments: { command: 'sleep', args: ['20'] } }],
      {
        limits: { commandTimeoutMs: 200 },
      },
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(toolMessages[0]?.content).toContain('killed after the time limit');
  });
});

/** Runs search_files in a child process killed after 6 s, so a search that blocks cannot hang the runner. */
async function searchInChild(
  patterns: string[],
  glob?: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./support/search-child.ts', import.meta.url)),
      workspace.root,
      ...patterns,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: glob ? { ...process.env, SEARCH_GLOB: glob } : process.env },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 6_000);
  const code = await new Promise<number | null>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(killer);
  return { code, output };
}
