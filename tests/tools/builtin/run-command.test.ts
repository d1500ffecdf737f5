import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError, UserInputError } from '../../../src/errors.js';
import { runCommand, safeEnvironment } from '../../../src/tools/builtin/run-command.js';
import { createTestWorkspace, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

const node = (script: string) => ['-e', script];

describe('runCommand', () => {
  it('runs a program in the workspace root and returns its output and exit code', async () => {
    const result = await runCommand(
      workspace.root,
      'node',
      node('console.log(process.cwd()); process.exit(3)'),
    );
    expect(result).toMatchObject({ exitCode: 3, timedOut: false, stdout: `${workspace.root}\n` });
  });

  it('passes arguments verbatim, without a shell', async () => {
    const result = await runCommand(workspace.root, 'node', [
      ...node('console.log(JSON.stringify(process.argv.slice(1)))'),
      '$(id); ls | cat',
      '*',
    ]);
    expect(JSON.parse(result.stdout)).toEqual(['$(id); ls | cat', '*']);
  });

  it('leaves API keys and other secrets out of the environment', async () => {
    const parentEnv = {
      PATH: process.env.PATH,
      MISTRAL_API_KEY: 'sk-secret-123',
      GITHUB_TOKEN: 'ghp_x',
      LANG: 'C',
    };
    const result = await runCommand(
      workspace.root,
      'node',
      node('console.log(JSON.stringify(process.env))'),
      { parentEnv },
    );
    expect(result.stdout).not.toContain('sk-secret-123');
    expect(result.stdout).not.toContain('ghp_x');
    expect(JSON.parse(result.stdout)).toMatchObject({ LANG: 'C' });
    expect(safeEnvironment({ MISTRAL_API_KEY: 'k', PATH: '/bin' }, { EXTRA: '1' })).toEqual({
      PATH: '/bin',
      EXTRA: '1',
    });
  });

  it('kills a command at its time limit, children included', async () => {
    const started = Date.now();
    const result = await runCommand(
      workspace.root,
      'node',
      node(
        "require('child_process').spawn('sleep', ['30'], { stdio: 'inherit' }); setInterval(() => {}, 1000)",
      ),
      { timeoutMs: 300 },
    );
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caps output and reports the bytes it dropped', async () => {
    const result = await runCommand(
      workspace.root,
      'node',
      node("process.stdout.write('x'.repeat(100000))"),
      { maxOutputBytes: 1_000 },
    );
    expect(result.stdout).toHaveLength(1_000);
    expect(result.droppedBytes.stdout).toBe(99_000);
  });

  it('stops on abort with an AbortError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl+C')), 100);
    const started = Date.now();
    await expect(
      runCommand(workspace.root, 'node', node('setInterval(() => {}, 1000)'), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects paths, shell syntax, unlisted programs and unknown programs', async () => {
    for (const command of ['/bin/sh', '../evil', './run.sh', 'sh -c id', 'ls;id', 'C:\\x.exe', '']) {
      await expect(runCommand(workspace.root, command)).rejects.toThrow(/not a bare program name/);
    }
    await expect(
      runCommand(workspace.root, 'rm', ['-rf', '.'], { allowlist: ['node', 'npm'] }),
    ).rejects.toThrow('Command "rm" is not allowed. Allowed commands: node, npm.');
    await expect(runCommand(workspace.root, 'definitely-not-a-program-xyz')).rejects.toThrow(UserInputError);
    await expect(runCommand(workspace.root, 'node', ['a\u0000b'])).rejects.toThrow(/Argument 1/);
  });
});
