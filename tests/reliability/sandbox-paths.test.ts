/**
 * Path confinement of the workspace tools under a hostile model, through the agent loop: `..` anywhere,
 * absolute paths, symlinks (also ones the model makes), Unicode look-alikes, Windows forms and NUL never
 * reach outside the root, for reads, listings, searches, writes and patches.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCalls } from './support/sandbox-run.js';
import {
  createSandboxWorkspace,
  OUTSIDE_SECRET,
  type SandboxWorkspace,
} from './support/sandbox-workspace.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

const traversals: string[] = [
  '../outside/secret.txt',
  'src/../../outside/secret.txt',
  'src/../../../../../../etc/passwd',
  './../outside/secret.txt',
  'outside-dir/secret.txt',
  'outside-dir',
  'secret-link.txt',
  'dangling',
  'dangling/new.txt',
  '/etc/passwd',
  '..',
  '~/secret.txt',
  '..\\outside\\secret.txt',
  'src\\..\\..\\outside\\secret.txt',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  '\\\\server\\share\\secret.txt',
  '\uff0e\uff0e/outside/secret.txt',
  '..\u2215outside\u2215secret.txt',
  '\u2024\u2024/outside/secret.txt',
  '..\uff0foutside/secret.txt',
  '.\u200b./outside/secret.txt',
  '\u202e..\u202c/outside/secret.txt',
  '..\u0000/outside/secret.txt',
];

describe('path confinement through the agent loop', () => {
  it.each(traversals)(
    'read_file, list_files and search_files refuse %j and never show the outside secret',
    async (userPath) => {
      const { toolMessages, everything } = await runCalls(workspace.root, [
        { name: 'read_file', arguments: { path: userPath } },
        { name: 'list_files', arguments: { path: userPath, recursive: true } },
        { name: 'search_files', arguments: { pattern: 'SECRET', path: userPath } },
      ]);
      expect(toolMessages).toHaveLength(3);
      for (const message of toolMessages) expect(message.isError, String(message.content)).toBe(true);
      expect(everything).not.toContain(OUTSIDE_SECRET);
    },
  );

  it.each(traversals)('write_file and patch_file (approved) cannot write through %j', async (userPath) => {
    const before = await workspace.listAll();
    const { toolMessages } = await runCalls(workspace.root, [
      { name: 'write_file', arguments: { path: userPath, content: 'pwned' } },
      {
        name: 'patch_file',
        arguments: { path: userPath, edits: [{ search: OUTSIDE_SECRET, replace: 'pwned' }] },
      },
    ]);
    for (const message of toolMessages) expect(message.isError, String(message.content)).toBe(true);
    expect(await workspace.listAll()).toEqual(before);
  });

  it('a percent-encoded path is a literal name inside the root, never decoded into ".."', async () => {
    const { toolMessages, everything } = await runCalls(workspace.root, [
      { name: 'read_file', arguments: { path: '%2e%2e/outside/secret.txt' } },
      { name: 'write_file', arguments: { path: '%2e%2e/outside/secret.txt', content: 'literal' } },
    ]);
    expect(toolMessages[0]?.isError).toBe(true);
    expect(everything).not.toContain(OUTSIDE_SECRET);
    expect(await workspace.listAll()).toContain(path.join('root', '%2e%2e', 'outside', 'secret.txt'));
    expect(await readFile(workspace.secretFile, 'utf8')).toBe(`${OUTSIDE_SECRET}\n`);
  });

  it('a symlink the model creates with an approved command does not open a way out', async () => {
    const { toolMessages, everything } = await runCalls(
      workspace.root,
      [
        {
          name: 'run_command',
          arguments: { command: 'node', args: ['-e', "require('fs').symlinkSync('../outside', 'escape')"] },
        },
        { name: 'read_file', arguments: { path: 'escape/secret.txt' } },
        { name: 'write_file', arguments: { path: 'escape/new.txt', content: 'pwned' } },
      ],
      { concurrency: 1 },
    );
    expect(toolMessages[0]?.content).toContain('exit code 0');
    expect(toolMessages[1]?.isError).toBe(true);
    expect(toolMessages[2]?.isError).toBe(true);
    expect(everything).not.toContain(OUTSIDE_SECRET);
    expect(await workspace.listAll()).not.toContain(path.join('outside', 'new.txt'));
  });

  it('a recursive listing and a search of the whole root do not follow symlinks out of it', async () => {
    const { toolMessages, everything } = await runCalls(workspace.root, [
      { name: 'list_files', arguments: { path: '.', recursive: true } },
      { name: 'search_files', arguments: { pattern: 'SECRET|inside', path: '.' } },
    ]);
    expect(toolMessages.every((message) => !message.isError)).toBe(true);
    expect(toolMessages[1]?.content).toContain('inside');
    expect(everything).not.toContain(OUTSIDE_SECRET);
  });
});
