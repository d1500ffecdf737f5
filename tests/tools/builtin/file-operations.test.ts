import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { isBinary } from '../../../src/tools/builtin/binary.js';
import { listDirectory } from '../../../src/tools/builtin/list-directory.js';
import { applyTextEdits, patchWorkspaceFile } from '../../../src/tools/builtin/patch-file.js';
import { readWorkspaceFile } from '../../../src/tools/builtin/read-file.js';
import { writeWorkspaceFile } from '../../../src/tools/builtin/write-file.js';
import { createTestWorkspace, link, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

describe('listDirectory', () => {
  it('lists one level, sorted, with sizes for files', async () => {
    const { entries, truncated } = await listDirectory(workspace.root);
    expect(truncated).toBe(false);
    expect(entries.map((entry) => entry.path)).toEqual(['.git', 'README.md', 'node_modules', 'src']);
    expect(entries.find((entry) => entry.path === 'README.md')).toEqual({
      path: 'README.md',
      type: 'file',
      size: 19,
    });
  });

  it('walks recursively without entering .git or node_modules, and stops at maxEntries', async () => {
    const all = await listDirectory(workspace.root, '.', { recursive: true });
    expect(all.entries.map((entry) => entry.path)).toEqual([
      '.git',
      'README.md',
      'node_modules',
      'src',
      'src/index.ts',
      'src/util.ts',
    ]);
    const capped = await listDirectory(workspace.root, '.', { recursive: true, maxEntries: 3 });
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.entries).toHaveLength(3);
  });

  it('reports symlinks without following them', async () => {
    await link(workspace.root, 'src/outside', workspace.outer);
    const { entries } = await listDirectory(workspace.root, 'src', { recursive: true });
    expect(entries).toContainEqual({ path: 'src/outside', type: 'symlink' });
    expect(entries.some((entry) => entry.path.includes('secret'))).toBe(false);
  });

  it('rejects a file, a missing path and an escaping path', async () => {
    await expect(listDirectory(workspace.root, 'README.md')).rejects.toThrow(
      /"README.md" is not a directory/,
    );
    await expect(listDirectory(workspace.root, 'missing')).rejects.toThrow(UserInputError);
    await expect(listDirectory(workspace.root, '..')).rejects.toThrow(/climbs out/);
  });
});

describe('readWorkspaceFile', () => {
  it('reads a whole file or a line range', async () => {
    const whole = await readWorkspaceFile(workspace.root, 'src/util.ts');
    expect(whole).toMatchObject({ path: 'src/util.ts', startLine: 1, totalLines: 4 });
    expect(whole.content).toContain('return a + b;');
    const range = await readWorkspaceFile(workspace.root, 'src/util.ts', { startLine: 2, endLine: 2 });
    expect(range.content).toBe('  return a + b;');
  });

  it('refuses a file over the size limit, saying its size and the limit', async () => {
    await writeFile(path.join(workspace.root, 'big.log'), 'x'.repeat(5_000));
    await expect(readWorkspaceFile(workspace.root, 'big.log', { maxBytes: 4_096 })).rejects.toThrow(
      'Workspace file "big.log" is 5,000 bytes, over the 4,096-byte read limit.',
    );
  });

  it('refuses a binary file instead of dumping it', async () => {
    await writeFile(
      path.join(workspace.root, 'logo.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    await expect(readWorkspaceFile(workspace.root, 'logo.png')).rejects.toThrow(
      /"logo.png" is a binary file \(12 bytes\)/,
    );
  });

  it('refuses missing files, directories, and symlinks to the outside', async () => {
    await expect(readWorkspaceFile(workspace.root, 'nope.ts')).rejects.toThrow(/does not exist/);
    await expect(readWorkspaceFile(workspace.root, 'src')).rejects.toThrow(/not a regular file/);
    await link(workspace.root, 'leak.txt', workspace.secret);
    await expect(readWorkspaceFile(workspace.root, 'leak.txt')).rejects.toThrow(/symbolic link/);
  });
});

describe('isBinary', () => {
  it('tells text (including Arabic and a cut multi-byte character) from binary', () => {
    expect(isBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(isBinary(Buffer.from('مرحبا بالعالم'))).toBe(false);
    const arabic = Buffer.from('م'.repeat(5_000));
    expect(isBinary(arabic)).toBe(false);
    expect(isBinary(Buffer.from([0x68, 0x00, 0x69]))).toBe(true);
    expect(isBinary(Buffer.from([0xff, 0xfe, 0xfd, 0x41]))).toBe(true);
  });
});

describe('writeWorkspaceFile', () => {
  it('creates a file and its parent folders, then replaces it', async () => {
    const created = await writeWorkspaceFile(workspace.root, 'src/new/deep.ts', 'export {};\n');
    expect(created).toEqual({ path: 'src/new/deep.ts', bytes: 11, created: true });
    const replaced = await writeWorkspaceFile(workspace.root, 'src/new/deep.ts', 'export const x = 1;\n');
    expect(replaced.created).toBe(false);
    expect(await readFile(path.join(workspace.root, 'src/new/deep.ts'), 'utf8')).toBe(
      'export const x = 1;\n',
    );
  });

  it('writes to the real target of a symlink that stays inside', async () => {
    await link(workspace.root, 'alias.ts', 'src/index.ts');
    await writeWorkspaceFile(workspace.root, 'alias.ts', 'changed');
    expect(await readFile(path.join(workspace.root, 'src/index.ts'), 'utf8')).toBe('changed');
  });

  it('never writes outside the root, and leaves the secret untouched', async () => {
    await link(workspace.root, 'out', workspace.outer);
    for (const target of ['../secret.txt', 'out/secret.txt', '/tmp/x', 'out/new.txt', '..\\secret.txt']) {
      await expect(writeWorkspaceFile(workspace.root, target, 'pwned')).rejects.toThrow(UserInputError);
    }
    expect(await readFile(workspace.secret, 'utf8')).toBe('TOP SECRET\n');
    await expect(stat(path.join(workspace.outer, 'new.txt'))).rejects.toThrow();
  });

  it('refuses content over the write limit and directory targets', async () => {
    await expect(
      writeWorkspaceFile(workspace.root, 'a.txt', 'x'.repeat(11), { maxBytes: 10 }),
    ).rejects.toThrow(/11 bytes, over the 10-byte write limit/);
    await expect(writeWorkspaceFile(workspace.root, 'src', 'x')).rejects.toThrow(/is a directory/);
    await expect(writeWorkspaceFile(workspace.root, '.', 'x')).rejects.toThrow(/is a directory/);
  });
});

describe('search/replace edits', () => {
  it('applies edits in order, each against the text as it stands', () => {
    expect(
      applyTextEdits('a b c', [
        { search: 'b', replace: 'B' },
        { search: 'B c', replace: 'done' },
      ]),
    ).toBe('a done');
  });

  it('names the edit that is missing, ambiguous or empty', () => {
    expect(() => applyTextEdits('a a', [{ search: 'a', replace: 'b' }])).toThrow(
      /Edit 1: search text "a" occurs more than once/,
    );
    expect(() =>
      applyTextEdits('abc', [
        { search: 'b', replace: 'x' },
        { search: 'zz', replace: 'y' },
      ]),
    ).toThrow(/Edit 2: search text "zz" was not found/);
    expect(() => applyTextEdits('abc', [{ search: '', replace: 'x' }])).toThrow(/empty search text/);
    expect(() => applyTextEdits('abc', [])).toThrow(/No edits/);
  });

  it('patches a file atomically: nothing is written unless every edit applies', async () => {
    const file = path.join(workspace.root, 'src/util.ts');
    const before = await readFile(file, 'utf8');
    await expect(
      patchWorkspaceFile(workspace.root, 'src/util.ts', [
        { search: 'a + b', replace: 'a - b' },
        { search: 'missing', replace: '' },
      ]),
    ).rejects.toThrow(/Edit 2/);
    expect(await readFile(file, 'utf8')).toBe(before);
    const result = await patchWorkspaceFile(workspace.root, 'src/util.ts', [
      { search: 'a + b', replace: 'b + a' },
    ]);
    expect(result).toMatchObject({ path: 'src/util.ts', edits: 1, created: false });
    expect(await readFile(file, 'utf8')).toContain('return b + a;');
  });
});
