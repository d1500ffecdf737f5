const SAMPLE_BYTES = 8_192;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * True when `bytes` look like a binary file rather than text: a NUL byte in the first 8 KiB, or a sample
 * that is not valid UTF-8. A multi-byte character cut at the sample's end is not counted against it.
 */
export function isBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.includes(0)) return true;
  const complete = sample.length < bytes.length ? trimPartialCharacter(sample) : sample;
  try {
    strictUtf8.decode(complete);
    return false;
  } catch {
    return true;
  }
}

/** Drops a UTF-8 sequence cut off at the end of a sample (at most 3 bytes). */
function trimPartialCharacter(sample: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= sample.length; back++) {
    const byte = sample[sample.length - back]!;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? sample.subarray(0, sample.length - back) : sample;
    }
  }
  return sample;
}
