import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { globToMatcher, MAX_GLOB_ALTERNATIVES } from '../../../src/tools/builtin/glob.js';

// The regular-expression translation the matcher replaced, kept here as an oracle: on globs without
// braces it cannot blow up, and the automaton must agree with it on every path.
function oracle(glob: string): (path: string) => boolean {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index]!;
    if (character === '*') {
      if (glob[index + 1] === '*') {
        const slashFollows = glob[index + 2] === '/';
        source += slashFollows ? '(?:.*/)?' : '.*';
        index += slashFollows ? 2 : 1;
      } else source += '[^/]*';
    } else if (character === '?') source += '[^/]';
    else source += character.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
  }
  const expression = new RegExp(glob.includes('/') ? `^${source}$` : `(?:^|/)${source}$`, 'u');
  return (path) => expression.test(path);
}

describe('globToMatcher', () => {
  it('agrees with the regular-expression translation on random globs and paths', () => {
    const glob = fc.stringMatching(/^[ab*?/.]{0,8}$/u);
    const path = fc.stringMatching(/^[ab/.]{0,10}$/u);
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 5 }), (pattern, paths) => {
        const matcher = globToMatcher(pattern);
        const expected = oracle(pattern);
        for (const candidate of paths) expect(matcher(candidate)).toBe(expected(candidate));
      }),
      { numRuns: 2_000 },
    );
  });

  it('handles classes, negated classes, ranges and nested braces', () => {
    expect(globToMatcher('file[0-9].txt')('a/file7.txt')).toBe(true);
    expect(globToMatcher('file[!0-9].txt')('file7.txt')).toBe(false);
    expect(globToMatcher('file[!0-9].txt')('filex.txt')).toBe(true);
    expect(globToMatcher('src/{a,b{c,d}}/*.ts')('src/bd/x.ts')).toBe(true);
    expect(globToMatcher('src/{a,b{c,d}}/*.ts')('src/b/x.ts')).toBe(false);
    expect(globToMatcher('ملف*.md')('docs/ملف-١.md')).toBe(true);
  });

  it('collapses repeated alternatives, so "{*,*}" ten times is one cheap alternative', () => {
    const matcher = globToMatcher('{*,*}'.repeat(10));
    expect(matcher(`${'a'.repeat(60)}!`)).toBe(true);
    expect(matcher('dir/')).toBe(true);
  });

  it('refuses a glob that expands to too many distinct alternatives', () => {
    const glob = '{a,b}'.repeat(11);
    expect(() => globToMatcher(glob)).toThrow(UserInputError);
    expect(() => globToMatcher(glob)).toThrow(`more than ${MAX_GLOB_ALTERNATIVES.toLocaleString('en')}`);
    expect(() => globToMatcher('{a,b}'.repeat(10))).not.toThrow();
  });
});
