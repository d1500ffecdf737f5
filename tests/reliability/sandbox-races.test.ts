/**
 * The sandbox against an attacker that races it: a folder on the way swapped for a symlink to outside the
 * workspace while reads, writes, listings and searches run (time of check to time of use), hard links to
 * outside files, FIFOs, writes into `.git/`, permission bits and over-long names. Every escape is counted;
 * the count must be zero.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, link, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import {
  listDirectory,
  patchWorkspaceFile,
  readWorkspaceFile,
  searchWorkspace,
  writeWorkspaceFile,
} from '../../src/tools/builtin/index.js';
import { reportFigure } from './support/figures.js';
import { runCalls } from './support/sandbox-run.js';
import {
  createSandboxWorkspace,
  OUTSIDE_SECRET,
  type SandboxWorkspace,
} from './support/sandbox-workspace.js';
import { scale } from './support/scale.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
  await mkdir(path.join(workspace.root, 'sub'));
  await writeFile(path.join(workspace.root, 'sub', 'secret.txt'), 'inside\n');
});
afterEach(async () => {
  await workspace.remove();
});

async function startSwapping(seconds: number): Promise<{ child: ChildProcess; done: Promise<number> }> {
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./support/swap-folder-child.mjs', import.meta.url)),
      path.join(workspace.root, 'sub'),
      workspace.outside,
      String(seconds),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<number>((resolve) => {
    child.on('exit', () => resolve(Number(/swaps (\d+)/u.exec(output)?.[1] ?? 0)));
  });
  await new Promise<void>((resolve) => {
    const check = () => (output.includes('ready') ? resolve() : setTimeout(check, 5));
    check();
  });
  return { child, done };
}

async function stopSwapping(swapper: { child: ChildProcess; done: Promise<number> }): Promise<number> {
  swapper.child.stdin!.end();
  return swapper.done;
}

async function outsideNames(): Promise<string[]> {
  return (await readdir(workspace.outside)).filter((name) => name !== 'secret.txt');
}

describe('a folder swapped for a symlink while the tools run (TOCTOU)', () => {
  it('writes never land outside the workspace', async () => {
    const tries = scale(1_000, 200);
    const swapper = await startSwapping(120);
    let refused = 0;
    try {
      for (let index = 0; index < tries; index++) {
        try {
          await writeWorkspaceFile(workspace.root, `sub/file-${index}.txt`, 'written\n');
        } catch (error) {
          if (!(error instanceof UserInputError)) throw error;
          refused++;
        }
      }
    } finally {
      await stopSwapping(swapper);
    }
    const swaps = await swapper.done;
    const escapes = await outsideNames();
    reportFigure('sandbox race: writes tried', tries);
    reportFigure('sandbox race: writes refused during swaps', refused);
    reportFigure('sandbox race: folder swaps', swaps);
    reportFigure('sandbox race: writes outside the workspace', escapes.length);
    expect(swaps).toBeGreaterThan(0);
    expect(escapes).toEqual([]);
  });

  it('reads, listings and searches never show what is outside', async () => {
    const tries = scale(3_000, 600);
    const swapper = await startSwapping(120);
    let leaks = 0;
    try {
      for (let index = 0; index < tries; index++) {
        const kind = index % 3;
        try {
          const answer =
            kind === 0
              ? await readWorkspaceFile(workspace.root, 'sub/secret.txt')
              : kind === 1
                ? await listDirectory(workspace.root, 'sub')
                : await searchWorkspace(workspace.root, { pattern: 'SECRET|inside', path: 'sub' });
          const text = JSON.stringify(answer);
          if (
            text.includes(OUTSIDE_SECRET) ||
            (kind === 1 && text.includes('"sub/secret.txt"') === false && text.includes('secret'))
          )
            leaks++;
        } catch (error) {
          if (!(error instanceof UserInputError)) throw error;
        }
      }
    } finally {
      await stopSwapping(swapper);
    }
    const swaps = await swapper.done;
    reportFigure('sandbox race: reads, listings and searches tried', tries);
    reportFigure('sandbox race: folder swaps during reads', swaps);
    reportFigure('sandbox race: outside content shown', leaks);
    expect(swaps).toBeGreaterThan(0);
    expect(leaks).toBe(0);
  });
});

describe('files that are not what their path suggests', () => {
  it('refuses to read or search a hard link to a file outside the workspace', async () => {
    await link(workspace.secretFile, path.join(workspace.root, 'hard.txt'));
    await expect(readWorkspaceFile(workspace.root, 'hard.txt')).rejects.toThrow(/hard link/u);
    const found = await searchWorkspace(workspace.root, { pattern: 'SECRET' });
    expect(JSON.stringify(found)).not.toContain(OUTSIDE_SECRET);
    expect(found.filesSkipped).toBeGreaterThan(0);
  });

  it('refuses FIFOs without blocking, so later file calls in the process still answer', async () => {
    const fifo = path.join(workspace.root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (let index = 0; index < 8; index++) {
      await expect(readWorkspaceFile(workspace.root, 'pipe')).rejects.toThrow(/not a regular file/u);
    }
    const found = await searchWorkspace(workspace.root, { pattern: 'hello' });
    expect(found.matches.map((match) => match.path)).toEqual(['README.md']);
    expect((await readWorkspaceFile(workspace.root, 'README.md')).content).toContain('hello');
  });
});

describe('writes', () => {
  it('refuses writes and patches under .git/ (any case, any depth) and other protected paths', async () => {
    await mkdir(path.join(workspace.root, '.git'));
    await writeFile(path.join(workspace.root, '.git', 'config'), '[core]\n');
    for (const target of ['.git/config', '.git/hooks/pre-commit', '.GIT/config', 'vendor/lib/.git/config']) {
      await expect(writeWorkspaceFile(workspace.root, target, 'x')).rejects.toThrow(/protected/u);
    }
    await expect(
      patchWorkspaceFile(workspace.root, '.git/config', [
        { search: '[core]', replace: '[core]\nfsmonitor=x' },
      ]),
    ).rejects.toThrow(/protected/u);
    expect(await readFile(path.join(workspace.root, '.git', 'config'), 'utf8')).toBe('[core]\n');
    await expect(
      writeWorkspaceFile(workspace.root, 'config/secrets/key', 'x', { protectedPaths: ['config/secrets'] }),
    ).rejects.toThrow(/protected/u);
    await expect(
      writeWorkspaceFile(workspace.root, 'config/other', 'x', { protectedPaths: ['config/secrets'] }),
    ).resolves.toMatchObject({ created: true });
  });

  it('refuses through the agent loop too, with a tool error the model reads', async () => {
    const { toolMessages } = await runCalls(workspace.root, [
      { name: 'write_file', arguments: { path: '.git/config', content: '[core]\nfsmonitor = evil' } },
    ]);
    expect(toolMessages[0]!.content).toMatch(/protected/u);
  });

  it('patch_file keeps an executable file executable', async () => {
    const script = path.join(workspace.root, 'run.sh');
    await writeFile(script, '#!/bin/sh\necho one\n');
    await chmod(script, 0o755);
    await patchWorkspaceFile(workspace.root, 'run.sh', [{ search: 'one', replace: 'two' }]);
    expect((await stat(script)).mode & 0o777).toBe(0o755);
    expect(await readFile(script, 'utf8')).toContain('two');
  });

  it('refuses a name longer than the file system allows with a typed error, and a 255-byte name works', async () => {
    const error = await writeWorkspaceFile(workspace.root, `${'a'.repeat(300)}.txt`, 'x').catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect(String(error.message)).toMatch(/304 bytes/u);
    await expect(writeWorkspaceFile(workspace.root, 'b'.repeat(255), 'x')).resolves.toMatchObject({
      created: true,
    });
  });
});
