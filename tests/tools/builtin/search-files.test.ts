import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { globToMatcher } from '../../../src/tools/builtin/glob.js';
import { searchWorkspace } from '../../../src/tools/builtin/search-files.js';
import { createTestWorkspace, link, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

describe('searchWorkspace', () => {
  it('finds regex matches with line and column, skipping .git and node_modules', async () => {
    const result = await searchWorkspace(workspace.root, { pattern: 'hel+o' });
    expect(result.matches).toEqual([
      { path: 'src/index.ts', line: 1, column: 26, text: "export const greeting = 'hello';" },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('searches literal text, case-insensitively on request', async () => {
    const literal = await searchWorkspace(workspace.root, { pattern: 'a + b', literal: true });
    expect(literal.matches.map((match) => `${match.path}:${match.line}`)).toEqual(['src/util.ts:2']);
    const insensitive = await searchWorkspace(workspace.root, { pattern: 'HELLO', caseSensitive: false });
    expect(insensitive.matches.map((match) => match.path)).toEqual(['README.md', 'src/index.ts']);
  });

  it('filters by glob and by a starting path', async () => {
    const markdown = await searchWorkspace(workspace.root, {
      pattern: 'hello',
      caseSensitive: false,
      glob: '*.md',
    });
    expect(markdown.matches.map((match) => match.path)).toEqual(['README.md']);
    const inSrc = await searchWorkspace(workspace.root, { pattern: 'export', path: 'src' });
    expect(new Set(inSrc.matches.map((match) => match.path))).toEqual(
      new Set(['src/index.ts', 'src/util.ts']),
    );
  });

  it('caps results and says so', async () => {
    await writeFile(path.join(workspace.root, 'many.txt'), 'hit\n'.repeat(50));
    const result = await searchWorkspace(workspace.root, { pattern: 'hit', maxResults: 10 });
    expect(result.matches).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it('skips binary and oversized files and counts them', async () => {
    await writeFile(path.join(workspace.root, 'blob.bin'), Buffer.from([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0]));
    await writeFile(path.join(workspace.root, 'huge.txt'), `hello\n${'x'.repeat(2_000)}`);
    const result = await searchWorkspace(workspace.root, { pattern: 'hello', maxFileBytes: 1_000 });
    expect(result.matches.map((match) => match.path)).toEqual(['src/index.ts']);
    expect(result.filesSkipped).toBe(2);
  });

  it('does not follow symlinks out of the workspace', async () => {
    await link(workspace.root, 'outside', workspace.outer);
    const result = await searchWorkspace(workspace.root, { pattern: 'SECRET' });
    expect(result.matches).toEqual([]);
    await expect(searchWorkspace(workspace.root, { pattern: 'SECRET', path: 'outside' })).rejects.toThrow(
      /symbolic link/,
    );
  });

  it('rejects an invalid regular expression and an empty pattern with a hint', async () => {
    await expect(searchWorkspace(workspace.root, { pattern: '(' })).rejects.toThrow(
      /not a valid regular expression.*literal: true/,
    );
    await expect(searchWorkspace(workspace.root, { pattern: '' })).rejects.toThrow(UserInputError);
  });

  it('refuses nested quantifiers (catastrophic backtracking) but allows them as literal text', async () => {
    for (const pattern of ['(a+)+$', '(\\w*)*x', '(x{2,})+', '(?:ab+)*c']) {
      await expect(searchWorkspace(workspace.root, { pattern })).rejects.toThrow(
        /repeats a group that itself repeats/,
      );
    }
    await writeFile(path.join(workspace.root, 'odd.txt'), 'the text (a+)+ appears here\n');
    const literal = await searchWorkspace(workspace.root, { pattern: '(a+)+', literal: true });
    expect(literal.matches.map((match) => match.path)).toEqual(['odd.txt']);
    expect(
      (await searchWorkspace(workspace.root, { pattern: '(hel+o)|(wor?ld)' })).matches.length,
    ).toBeGreaterThan(0);
  });

  it('cuts very long lines', async () => {
    await mkdir(path.join(workspace.root, 'min'), { recursive: true });
    await writeFile(path.join(workspace.root, 'min', 'bundle.js'), `needle${'y'.repeat(1_000)}`);
    const [match] = (await searchWorkspace(workspace.root, { pattern: 'needle' })).matches;
    expect(match?.text.length).toBe(241);
  });
});

describe('globToMatcher', () => {
  it('matches names at any depth, paths from the root, classes and alternatives', () => {
    expect(globToMatcher('*.ts')('src/a/b.ts')).toBe(true);
    expect(globToMatcher('*.ts')('src/a/b.tsx')).toBe(false);
    expect(globToMatcher('src/*.ts')('src/a/b.ts')).toBe(false);
    expect(globToMatcher('src/**/*.ts')('src/a/b.ts')).toBe(true);
    expect(globToMatcher('src/**/*.ts')('src/b.ts')).toBe(true);
    expect(globToMatcher('*.{md,txt}')('docs/x.txt')).toBe(true);
    expect(globToMatcher('file[0-9].js')('file7.js')).toBe(true);
    expect(globToMatcher('file?.js')('file10.js')).toBe(false);
    expect(globToMatcher('a.b')('axb')).toBe(false);
    expect(() => globToMatcher('{a,b')).toThrow(/without "}"/);
  });
});

describe('patterns that backtrack', () => {
  const catastrophic = `${'a'.repeat(40)}!\n`;

  it('refuses a pattern that does not finish within its time limit, without blocking the process', async () => {
    await writeFile(path.join(workspace.root, 'slow.txt'), catastrophic);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = performance.now();
    const error = await searchWorkspace(workspace.root, { pattern: '(a|aa)*$', timeoutMs: 300 }).catch(
      (caught: unknown) => caught,
    );
    clearInterval(ticker);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).message).toMatch(/"\(a\|aa\)\*\$" did not finish within 300 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
    // The event loop kept turning while the pattern ran in the worker.
    expect(ticks).toBeGreaterThan(3);
  });

  it('stops when the signal aborts', async () => {
    await writeFile(path.join(workspace.root, 'slow.txt'), catastrophic);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      searchWorkspace(workspace.root, { pattern: '(a|a)*$', signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('still finds matches with a repeating pattern, across files, and reports truncation', async () => {
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      await writeFile(path.join(workspace.root, name), 'one foo1\ntwo\nthree foo22\n');
    }
    const result = await searchWorkspace(workspace.root, { pattern: 'fo+\\d+', maxResults: 5 });
    expect(result.matches.slice(0, 2)).toEqual([
      { path: 'a.txt', line: 1, column: 5, text: 'one foo1' },
      { path: 'a.txt', line: 3, column: 7, text: 'three foo22' },
    ]);
    expect(result.matches).toHaveLength(5);
    expect(result.truncated).toBe(true);
  });
});
