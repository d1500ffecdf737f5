/**
 * FNV-1a over UTF-16 code units, so detectors can match words without slicing strings on the hot path:
 * a scanner feeds characters one by one and looks the running hash up in a `Map<number, ...>`.
 * @module
 */

/** The FNV-1a 32-bit offset basis: the hash of the empty word. */
export const HASH_START = 0x811c9dc5 | 0;

/** The FNV-1a 32-bit prime: each code unit is xored in, then multiplied by it. */
export const FNV_PRIME = 0x01000193;

/** Feeds one code unit into a running hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/**
 * Hashes a word the way a scanner would, after `normalize` (which returns -1 to skip a code unit).
 * Used to build lookup tables at module load.
 */
export function hashWord(word: string, normalize: (code: number) => number): number {
  let hash = HASH_START;
  for (let index = 0; index < word.length; index++) {
    const code = normalize(word.charCodeAt(index));
    if (code >= 0) hash = hashStep(hash, code);
  }
  return hash;
}
