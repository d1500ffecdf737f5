/** A source of numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random source (mulberry32), so a test can pin padding and ids; without a seed it uses
 * `Math.random`.
 */
export function createRandomSource(seed?: number): RandomSource {
  if (seed === undefined) return Math.random;
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const hexDigits = '0123456789abcdef';
/** The alphabet Mistral's `p` padding values are prefixes of (see the recorded text stream). */
const paddingAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pick(random: RandomSource, alphabet: string, length: number): string {
  let result = '';
  for (let index = 0; index < length; index++) result += alphabet[Math.floor(random() * alphabet.length)];
  return result;
}

/** A tool call id as Mistral makes them: 9 characters of [A-Za-z0-9]. */
export function createToolCallId(random: RandomSource): string {
  return pick(random, alphanumeric, 9);
}

/** A completion id as Mistral makes them: 32 lower-case hex digits. */
export function createCompletionId(random: RandomSource): string {
  return pick(random, hexDigits, 32);
}

/** A `p` padding value of random length (1 to 48 characters). */
export function createPadding(random: RandomSource): string {
  return paddingAlphabet.slice(0, 1 + Math.floor(random() * 48));
}
