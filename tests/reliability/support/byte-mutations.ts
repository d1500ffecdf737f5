/**
 * Byte-level mutations for the wire fuzzers: split points (also inside multi-byte UTF-8 characters) and
 * deletions, insertions (random bytes or SSE/JSON syntax), duplications, truncation and bit flips.
 */
import fc from 'fast-check';

const encoder = new TextEncoder();

/** Splits `bytes` at the given offsets (any byte, so also inside a multi-byte UTF-8 character). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 16 }),
      fc
        .constantFrom(
          '\n',
          '\r',
          '\n\n',
          'data: ',
          ':',
          '{',
          '}',
          '"',
          '[DONE]',
          '\r\n\r\n',
          'event: error\n',
        )
        .map((text) => encoder.encode(text)),
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
);

export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const change of mutations) {
    const at = change.at % (out.length + 1);
    if (change.kind === 'delete')
      out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + change.length)]);
    else if (change.kind === 'insert')
      out = Uint8Array.from([...out.subarray(0, at), ...change.bytes, ...out.subarray(at)]);
    else if (change.kind === 'duplicate') {
      const piece = out.subarray(at, at + change.length);
      out = Uint8Array.from([...out.subarray(0, at), ...piece, ...out.subarray(at)]);
    } else if (change.kind === 'truncate') out = out.subarray(0, at);
    else if (out.length > 0) out[at % out.length] = (out[at % out.length] ?? 0) ^ (1 << change.bit);
  }
  return out;
}

export const cuts = fc.array(fc.nat(), { maxLength: 12 });
