/** What the first bytes of an image file say about it. */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  width: number;
  height: number;
  /** Frames in the file: counted for GIF, 2 for an animated WEBP or PNG, else 1. */
  frames: number;
}

/**
 * Reads an image's format (by magic bytes, not by file name), pixel size and frame count from its bytes.
 * Returns `undefined` for anything that is not a well-formed PNG, JPEG, WEBP or GIF header.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, length: number) =>
    String.fromCharCode(...bytes.subarray(start, start + length));
  try {
    if (ascii(1, 3) === 'PNG' && bytes[0] === 0x89 && ascii(12, 4) === 'IHDR') {
      // An APNG declares its animation in an `acTL` chunk before the first image data.
      const animated = findPngChunk(bytes, view, 'acTL');
      const frames = animated ? Math.max(2, view.getUint32(animated)) : 1;
      return {
        format: 'png',
        mimeType: 'image/png',
        width: view.getUint32(16),
        height: view.getUint32(20),
        frames,
      };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes, view);
    if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return readWebp(bytes, view, ascii(12, 4));
    if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') {
      const frames = countGifFrames(bytes);
      if (frames === undefined) return undefined;
      return {
        format: 'gif',
        mimeType: 'image/gif',
        width: view.getUint16(6, true),
        height: view.getUint16(8, true),
        frames,
      };
    }
  } catch {
    // A header cut short reads past the end: not a valid image.
  }
  return undefined;
}

function findPngChunk(bytes: Uint8Array, view: DataView, type: string): number | undefined {
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const name = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (name === type) return offset + 8;
    if (name === 'IDAT' || name === 'IEND') return undefined;
    offset += 12 + length;
  }
  return undefined;
}

function readJpeg(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    // Start-of-frame markers C0–CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        format: 'jpeg',
        mimeType: 'image/jpeg',
        height: view.getUint16(offset + 5),
        width: view.getUint16(offset + 7),
        frames: 1,
      };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

function readWebp(bytes: Uint8Array, view: DataView, chunk: string): ImageHeader | undefined {
  const base = { format: 'webp', mimeType: 'image/webp', frames: 1 } as const;
  if (chunk === 'VP8 ') {
    return { ...base, width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { ...base, width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const animated = (bytes[20]! & 0x02) !== 0;
    const width = (view.getUint32(24, true) & 0xffffff) + 1;
    const height = (view.getUint32(26, true) >>> 8) + 1;
    return { ...base, width, height, frames: animated ? 2 : 1 };
  }
  return undefined;
}

/** Counts image descriptors in a GIF by walking its blocks; `undefined` when the structure is broken. */
function countGifFrames(bytes: Uint8Array): number | undefined {
  let offset = 13;
  const flags = bytes[10]!;
  if (flags & 0x80) offset += 3 * 2 ** ((flags & 0x07) + 1);
  let frames = 0;
  const skipSubBlocks = () => {
    while (offset < bytes.length && bytes[offset] !== 0) offset += bytes[offset]! + 1;
    offset++;
  };
  while (offset < bytes.length) {
    const block = bytes[offset]!;
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      offset += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const localFlags = bytes[offset + 9]!;
      offset += 10;
      if (localFlags & 0x80) offset += 3 * 2 ** ((localFlags & 0x07) + 1);
      offset++; // LZW minimum code size
      skipSubBlocks();
    } else {
      return undefined;
    }
  }
  // No trailer: a truncated file. Count what was there, but a single-frame check still needs one frame.
  return frames > 0 ? frames : undefined;
}
