import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ImagePart, UserInputError } from '../../src/index.js';
import { readImageHeader } from './image-header.js';

/** Mistral's limits for image input: 10 MB per image, 8 images per request (docs: vision capabilities). */
export const imageLimits = { maxBytes: 10 * 1024 * 1024, maxImages: 8 } as const;

/**
 * Reads a local PNG, JPEG, WEBP or single-frame GIF and returns it as an {@link ImagePart} with a
 * `data:` URL and its pixel size. Checks the format by magic bytes and the size before reading it whole.
 * @throws {UserInputError} naming the file: missing, not a file, over 10 MB, an unsupported or broken
 * format, or an animated image.
 */
export async function loadImage(filePath: string, options: { maxBytes?: number } = {}): Promise<ImagePart> {
  const maxBytes = options.maxBytes ?? imageLimits.maxBytes;
  const name = path.basename(filePath);
  const info = await stat(filePath).catch(() => undefined);
  if (!info?.isFile())
    throw imageError(filePath, `Image "${filePath}" does not exist or is not a file.`, 'Check the path.');
  if (info.size > maxBytes) {
    throw imageError(
      filePath,
      `Image "${name}" is ${info.size.toLocaleString('en')} bytes; the limit is ${maxBytes.toLocaleString('en')} bytes (${megabytes(maxBytes)} MB).`,
      'Resize or recompress it first.',
    );
  }
  const bytes = await readFile(filePath);
  const header = readImageHeader(bytes);
  if (!header) {
    throw imageError(
      filePath,
      `Image "${name}" is not a PNG, JPEG, WEBP or GIF file.`,
      'Convert it to PNG or JPEG.',
    );
  }
  if (header.frames > 1) {
    throw imageError(
      filePath,
      `Image "${name}" is an animated ${header.format.toUpperCase()} (${header.frames} frames); only single-frame images are accepted.`,
      'Export one frame as PNG.',
    );
  }
  if (header.width === 0 || header.height === 0) {
    throw imageError(
      filePath,
      `Image "${name}" declares a size of ${header.width}x${header.height}.`,
      'The file is damaged; re-export it.',
    );
  }
  const url = `data:${header.mimeType};base64,${bytes.toString('base64')}`;
  return { type: 'image', url, width: header.width, height: header.height };
}

/**
 * Loads several images for one request, at most 8, each checked by {@link loadImage}.
 * @throws {UserInputError} for more than 8 paths, or the first invalid image.
 */
export async function loadImages(filePaths: readonly string[]): Promise<ImagePart[]> {
  if (filePaths.length > imageLimits.maxImages) {
    throw new UserInputError(
      'invalid-input',
      `${filePaths.length} images were given; a request may carry at most ${imageLimits.maxImages}.`,
      { hint: 'Send the rest in a later turn.', path: 'images' },
    );
  }
  const images: ImagePart[] = [];
  for (const filePath of filePaths) images.push(await loadImage(filePath));
  return images;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function imageError(filePath: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { hint, path: filePath });
}
