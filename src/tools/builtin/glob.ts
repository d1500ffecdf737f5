import { UserInputError } from '../../errors.js';

/**
 * Compiles a glob into a matcher for `/`-separated relative paths. Supports `*` (within a segment), `**`
 * (any number of segments), `?`, `[abc]` classes and `{a,b}` alternatives. A glob without `/` matches the
 * file name at any depth, as ripgrep's `-g` does (`*.ts` finds `src/a/b.ts`).
 * @throws {UserInputError} for an unbalanced `{` or `[`.
 */
export function globToMatcher(glob: string): (relativePath: string) => boolean {
  const source = toRegexSource(glob);
  const expression = new RegExp(glob.includes('/') ? `^${source}$` : `(?:^|/)${source}$`, 'u');
  return (relativePath) => expression.test(relativePath);
}

function toRegexSource(glob: string): string {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index]!;
    if (character === '*') {
      if (glob[index + 1] === '*') {
        const slashFollows = glob[index + 2] === '/';
        source += slashFollows ? '(?:.*/)?' : '.*';
        index += slashFollows ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '[') {
      const close = glob.indexOf(']', index + 1);
      if (close === -1) throw invalid(glob, 'has "[" without "]"');
      const body = glob.slice(index + 1, close).replace(/\\/gu, '\\\\');
      source += body.startsWith('!') ? `[^/${body.slice(1)}]` : `[${body}]`;
      index = close;
    } else if (character === '{') {
      braceDepth++;
      source += '(?:';
    } else if (character === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (character === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += character.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
    }
  }
  if (braceDepth !== 0) throw invalid(glob, 'has "{" without "}"');
  return source;
}

function invalid(glob: string, problem: string): UserInputError {
  return new UserInputError('invalid-input', `Glob ${JSON.stringify(glob)} ${problem}.`, {
    hint: 'Use a glob such as "*.ts" or "src/**/*.{ts,tsx}".',
    path: 'glob',
  });
}
