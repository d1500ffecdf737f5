import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { checkPathText, isInside, resolveInside } from '../../../src/tools/builtin/resolve-inside.js';
import { createTestWorkspace, link, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

describe('resolveInside', () => {
  it('resolves ordinary relative paths, existing or not', async () => {
    const file = await resolveInside(workspace.root, 'src/index.ts');
    expect(file).toEqual({
      absolute: path.join(workspace.root, 'src', 'index.ts'),
      relative: 'src/index.ts',
      exists: true,
      root: workspace.root,
    });
    const fresh = await resolveInside(workspace.root, 'src/new/deep.ts');
    expect(fresh).toMatchObject({ relative: 'src/new/deep.ts', exists: false });
    expect((await resolveInside(workspace.root, '.')).relative).toBe('.');
    expect((await resolveInside(workspace.root, 'src/../README.md')).relative).toBe('README.md');
    expect((await resolveInside(workspace.root, './src//index.ts')).relative).toBe('src/index.ts');
    expect((await resolveInside(workspace.root, '..hidden')).relative).toBe('..hidden');
    expect((await resolveInside(workspace.root, 'ملف.txt')).relative).toBe('ملف.txt');
  });

  it.each([
    ['..', 'climbs out'],
    ['../secret.txt', 'climbs out'],
    ['src/../../secret.txt', 'climbs out'],
    ['/etc/passwd', 'is absolute'],
    ['C:/Windows/win.ini', 'drive letter'],
    ['c:secret', 'drive letter'],
    ['..\\secret.txt', 'uses "\\"'],
    ['\\\\server\\share\\file', 'uses "\\"'],
    ['src\\..\\..\\secret.txt', 'uses "\\"'],
    ['~/.ssh/id_rsa', 'starts with "~"'],
    ['src/index.ts\u0000.png', 'control or invisible'],
    ['\u200b../secret.txt', 'control or invisible'],
    ['src/\u202eexe.ts', 'control or invisible'],
    ['\uff0e\uff0e/secret.txt', 'look-alike'],
    ['..\uff0fsecret.txt', 'look-alike'],
    ['\u2024\u2024/secret.txt', 'look-alike'],
    ['..\u2215secret.txt', 'look-alike'],
    ['\ufe52\ufe52/secret.txt', 'look-alike'],
  ])('rejects %j (%s) with a UserInputError naming the path', async (userPath, problem) => {
    const error = await resolveInside(workspace.root, userPath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).code).toBe('invalid-input');
    expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain(JSON.stringify(userPath).slice(1, 4));
  });

  it('rejects characters that NFKC folds into a dot or slash', () => {
    // U+FE56 SMALL QUESTION MARK is harmless; U+FE30 folds to "..", U+2025 is "‥" (two-dot leader).
    expect(() => checkPathText('a\ufe30b')).toThrow(UserInputError);
    expect(() => checkPathText('a\u2025b')).toThrow(UserInputError);
    expect(checkPathText('café/ملف.ts')).toEqual(['café', 'ملف.ts']);
  });

  it('rejects a symlink that points outside, directly or through a parent directory', async () => {
    await link(workspace.root, 'leak.txt', workspace.secret);
    await link(workspace.root, 'outside', workspace.outer);
    await expect(resolveInside(workspace.root, 'leak.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(workspace.root, 'outside/secret.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(workspace.root, 'outside/new-file.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(workspace.root, 'outside')).rejects.toThrow(/symbolic link/);
  });

  it('rejects a dangling symlink whose target would be outside', async () => {
    await link(workspace.root, 'dangling', path.join(workspace.outer, 'not-yet'));
    await expect(resolveInside(workspace.root, 'dangling')).rejects.toThrow(
      /symbolic link to a missing target/,
    );
    await expect(resolveInside(workspace.root, 'dangling/child.txt')).rejects.toThrow(/symbolic link/);
  });

  it('follows symlinks that stay inside, and reports the real path', async () => {
    await link(workspace.root, 'alias', 'src');
    const resolved = await resolveInside(workspace.root, 'alias/index.ts');
    expect(resolved.relative).toBe('src/index.ts');
  });

  it('names a missing root as a configuration error', async () => {
    const error = await resolveInside(path.join(workspace.outer, 'nope'), 'a.txt').catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'UserInputError', code: 'invalid-config', path: 'root' });
    expect((error as Error).message).toMatch(/Workspace root ".*nope" does not exist/);
  });

  it('accepts a root that is itself reached through a symlink', async () => {
    await link(workspace.outer, 'root-link', workspace.root);
    const resolved = await resolveInside(path.join(workspace.outer, 'root-link'), 'README.md');
    expect(resolved.absolute).toBe(path.join(workspace.root, 'README.md'));
  });

  it('never resolves any generated path outside the root (property)', async () => {
    await mkdir(path.join(workspace.root, 'a', 'b'), { recursive: true });
    await writeFile(path.join(workspace.root, 'a', 'b', 'c.txt'), 'x');
    await link(workspace.root, 'up', '..');
    const segment = fc.constantFrom(
      '..',
      '.',
      'a',
      'b',
      'c.txt',
      'up',
      '',
      '\\',
      'C:',
      '\uff0e',
      '~',
      '\u0000',
      '/',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 8 }), fc.boolean(), async (segments, leadingSlash) => {
        const userPath = (leadingSlash ? '/' : '') + segments.join('/');
        try {
          const resolved = await resolveInside(workspace.root, userPath);
          expect(isInside(workspace.root, resolved.absolute)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UserInputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('isInside', () => {
  it('tells a sibling with a common prefix from a child', () => {
    expect(isInside('/w/root', '/w/root')).toBe(true);
    expect(isInside('/w/root', '/w/root/a')).toBe(true);
    expect(isInside('/w/root', '/w/root-other/a')).toBe(false);
    expect(isInside('/w/root', '/w')).toBe(false);
    expect(isInside('/w/root', '/w/root/..x')).toBe(true);
  });
});
