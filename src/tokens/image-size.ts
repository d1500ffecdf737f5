/** Pixel size of an image. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Base64 characters decoded at most when looking for a header (JPEG frames may follow a large EXIF block). */
const MAX_HEADER_BASE64 = 262_144;

/**
 * Reads the pixel size from the header of a `data:image/...;base64,` URL (PNG, JPEG, WEBP, GIF). Returns
 * `undefined` for other URLs or unreadable headers; never throws.
 */
export function imageSizeFromDataUrl(url: string): ImageSize | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return undefined;
  const end = Math.min(url.length, comma + 1 + MAX_HEADER_BASE64);
  const base64 = url.slice(comma + 1, comma + 1 + Math.floor((end - comma - 1) / 4) * 4);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
  return imageSizeFromBytes(bytes);
}

/** Reads the pixel size from the first bytes of a PNG, JPEG, WEBP or GIF file. */
export function imageSizeFromBytes(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, length: number) =>
    String.fromCharCode(...bytes.subarray(start, Math.min(bytes.length, start + length)));
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG') {
    return valid(view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length >= 10 && ascii(0, 3) === 'GIF') {
    return valid(view.getUint16(6, true), view.getUint16(8, true));
  }
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return webpSize(bytes, view);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8X') {
    const width = 1 + (view.getUint16(24, true) | (view.getUint8(26) << 16));
    const height = 1 + (view.getUint16(27, true) | (view.getUint8(29) << 16));
    return valid(width, height);
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return valid((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') return valid(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  return undefined;
}

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return valid(view.getUint16(offset + 7), view.getUint16(offset + 5));
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

function valid(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}
