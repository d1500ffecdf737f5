/**
 * The shipped form of the request model's hashed weights: only the rows that matter, as delta-coded row
 * numbers (unsigned LEB128) followed by two signed bytes per row (the Arabic and code columns), times one
 * scale, in base64. The training script encodes; the router decodes once, on first use.
 * @module
 */

/** Weights per hashed row: the Arabic and code logits (the general logit is fixed at 0). */
export const COLUMNS = 2;

/** The serialized model, as `scripts/train-routing.ts` writes it into `weights.ts`. */
export interface SerializedRequestModel {
  /** Format version; the decoder refuses others. */
  version: 1;
  bucketBits: number;
  /** Multiplies every stored byte. */
  scale: number;
  /** Biases of the Arabic and code logits. */
  bias: readonly [number, number];
  /** Dense weights, feature by feature, Arabic then code. */
  dense: readonly number[];
  /** Base64 of the sparse hashed rows. */
  hashed: string;
}

/** Encodes `weights` (rows x {@link COLUMNS}), keeping rows whose largest weight reaches `minimum`. */
export function encodeHashed(weights: Float32Array, minimum: number): { scale: number; hashed: string } {
  let largest = 0;
  for (const value of weights) largest = Math.max(largest, Math.abs(value));
  const scale = largest / 127 || 1;
  const rows: number[] = [];
  for (let row = 0; row < weights.length / COLUMNS; row++) {
    const a = Math.abs(weights[row * COLUMNS] as number);
    const b = Math.abs(weights[row * COLUMNS + 1] as number);
    if (Math.max(a, b) >= Math.max(minimum, scale / 2)) rows.push(row);
  }
  const bytes: number[] = [];
  let previous = 0;
  for (const row of rows) {
    let delta = row - previous;
    previous = row;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  for (const row of rows) {
    for (let column = 0; column < COLUMNS; column++) {
      bytes.push(Math.round((weights[row * COLUMNS + column] as number) / scale) & 0xff);
    }
  }
  const header = [rows.length & 0xff, (rows.length >>> 8) & 0xff, (rows.length >>> 16) & 0xff];
  return { scale, hashed: toBase64(Uint8Array.from([...header, ...bytes])) };
}

/**
 * Decodes the hashed rows into a dense `Int8Array` of `2^bucketBits x COLUMNS` stored bytes; multiply
 * sums of them by `model.scale`.
 */
export function decodeHashed(model: SerializedRequestModel): Int8Array {
  const bytes = fromBase64(model.hashed);
  const weights = new Int8Array((1 << model.bucketBits) * COLUMNS);
  const count = (bytes[0] as number) | ((bytes[1] as number) << 8) | ((bytes[2] as number) << 16);
  const rows = new Int32Array(count);
  let offset = 3;
  let row = 0;
  for (let index = 0; index < count; index++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[offset++] as number;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    row += delta;
    rows[index] = row;
  }
  for (let index = 0; index < count; index++) {
    for (let column = 0; column < COLUMNS; column++) {
      const byte = bytes[offset++] as number;
      weights[(rows[index] as number) * COLUMNS + column] = byte >= 0x80 ? byte - 0x100 : byte;
    }
  }
  return weights;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
