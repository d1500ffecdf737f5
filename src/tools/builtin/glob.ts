import { UserInputError } from '../../errors.js';

/**
 * Compiles a glob into a matcher for `/`-separated relative paths. Supports `*` (within a segment), `**`
 * (any number of segments), `?`, `[abc]` / `[!a-z]` classes and `{a,b}` alternatives. A glob without `/`
 * matches the file name at any depth, as ripgrep's `-g` does (`*.ts` finds `src/a/b.ts`).
 *
 * Matching never backtracks: the glob becomes a small automaton that reads the path once, keeping the set
 * of places it could be in (time is path length x glob length per alternative). A glob is model input, and
 * a regular expression built from `{*,*}{*,*}...` would take exponential time on the main thread.
 * @throws {UserInputError} for an unbalanced `{` or `[`, or more than 1,024 distinct alternatives.
 */
export function globToMatcher(glob: string): (relativePath: string) => boolean {
  const alternatives = expand(parse(glob), glob);
  const anyDepth = !glob.includes('/');
  return (relativePath) => {
    const characters = Array.from(relativePath);
    return alternatives.some((tokens) => matches(tokens, characters, anyDepth));
  };
}

/** The most distinct alternatives a glob may expand to. */
export const MAX_GLOB_ALTERNATIVES = 1_024;

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'star' } // any run of characters but `/`
  | { kind: 'any' } // any run of characters
  | { kind: 'dirs' } // zero or more whole segments, each ending in `/`
  | { kind: 'one' } // one character but `/`
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };

// A parsed glob: a sequence whose items are tokens or groups of alternative sequences.
type Sequence = Array<Token | Sequence[]>;

function parse(glob: string): Sequence {
  const characters = Array.from(glob);
  const stack: Array<{ sequence: Sequence; branches: Sequence[] }> = [];
  let sequence: Sequence = [];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    if (character === '*') {
      if (characters[index + 1] === '*') {
        const slashFollows = characters[index + 2] === '/';
        sequence.push({ kind: slashFollows ? 'dirs' : 'any' });
        index += slashFollows ? 2 : 1;
      } else sequence.push({ kind: 'star' });
    } else if (character === '?') sequence.push({ kind: 'one' });
    else if (character === '[') {
      const close = characters.indexOf(']', index + 1);
      if (close === -1) throw invalid(glob, 'has "[" without "]"');
      sequence.push(parseClass(characters.slice(index + 1, close)));
      index = close;
    } else if (character === '{') {
      stack.push({ sequence, branches: [] });
      sequence = [];
    } else if (character === ',' && stack.length > 0) {
      stack.at(-1)!.branches.push(sequence);
      sequence = [];
    } else if (character === '}' && stack.length > 0) {
      const open = stack.pop()!;
      open.branches.push(sequence);
      open.sequence.push(open.branches);
      sequence = open.sequence;
    } else sequence.push({ kind: 'char', char: character });
  }
  if (stack.length > 0) throw invalid(glob, 'has "{" without "}"');
  return sequence;
}

function parseClass(body: string[]): Token {
  const negated = body[0] === '!';
  const items = negated ? body.slice(1) : body;
  const ranges: Array<[number, number]> = [];
  for (let index = 0; index < items.length; index++) {
    const low = items[index]!.codePointAt(0)!;
    if (items[index + 1] === '-' && index + 2 < items.length) {
      ranges.push([low, items[index + 2]!.codePointAt(0)!]);
      index += 2;
    } else ranges.push([low, low]);
  }
  return { kind: 'class', negated, ranges };
}

/** Every alternative as a flat token list, without duplicates, refusing an explosion. */
function expand(sequence: Sequence, glob: string): Token[][] {
  let results: Token[][] = [[]];
  for (const item of sequence) {
    const options = Array.isArray(item) ? item.flatMap((branch) => expand(branch, glob)) : [[item]];
    const next = new Map<string, Token[]>();
    for (const prefix of results) {
      for (const option of options) {
        const tokens = [...prefix, ...option];
        next.set(JSON.stringify(tokens), tokens);
        if (next.size > MAX_GLOB_ALTERNATIVES) {
          throw invalid(
            glob,
            `expands to more than ${MAX_GLOB_ALTERNATIVES.toLocaleString('en')} alternatives`,
          );
        }
      }
    }
    results = [...next.values()];
  }
  return results;
}

function matches(tokens: Token[], characters: string[], anyDepth: boolean): boolean {
  let states = closure(tokens, new Set([0]));
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    const next = new Set<number>();
    for (const state of states) {
      // Inside a `**/` that has read characters: it reads on, and may end after any `/`.
      const dirs = state > tokens.length ? state - tokens.length - 1 : undefined;
      const token = dirs === undefined ? tokens[state] : tokens[dirs];
      if (token === undefined) continue;
      if (token.kind === 'any' || (token.kind === 'star' && character !== '/')) next.add(state);
      else if (token.kind === 'dirs') {
        const position = dirs ?? state;
        next.add(tokens.length + 1 + position);
        if (character === '/') next.add(position + 1);
      } else if (accepts(token, character)) next.add(state + 1);
    }
    // Without a `/` in the glob, a match may also start at the beginning of any later segment.
    if (anyDepth && character === '/') next.add(0);
    states = closure(tokens, next);
    if (states.size === 0 && !anyDepth) return false;
  }
  return states.has(tokens.length);
}

function accepts(token: Token, character: string): boolean {
  if (token.kind === 'char') return token.char === character;
  if (character === '/') return false;
  if (token.kind === 'one') return true;
  if (token.kind !== 'class') return false;
  const code = character.codePointAt(0)!;
  const inside = token.ranges.some(([low, high]) => code >= low && code <= high);
  return inside !== token.negated;
}

// Tokens that may match nothing let the automaton move past them without reading a character. States
// above `tokens.length` are "inside a `**/`" and must read a `/` before moving on.
function closure(tokens: Token[], states: Set<number>): Set<number> {
  for (const state of states) {
    if (state > tokens.length) continue;
    const kind = tokens[state]?.kind;
    if (kind === 'star' || kind === 'any' || kind === 'dirs') states.add(state + 1);
  }
  return states;
}

function invalid(glob: string, problem: string): UserInputError {
  return new UserInputError('invalid-input', `Glob ${JSON.stringify(glob)} ${problem}.`, {
    hint: 'Use a glob such as "*.ts" or "src/**/*.{ts,tsx}".',
    path: 'glob',
  });
}
