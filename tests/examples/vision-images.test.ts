import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageHeader } from '../../examples/vision/image-header.js';
import { loadImage, loadImages } from '../../examples/vision/load-image.js';
import { UserInputError } from '../../src/errors.js';
import { gifBytes, jpegBytes, pngBytes, webpBytes } from './image-bytes.js';

let folder: string;
const file = (name: string) => path.join(folder, name);
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dragoman-vision-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('readImageHeader', () => {
  it('reads format and size from magic bytes', () => {
    expect(readImageHeader(pngBytes(64, 48))).toEqual({
      format: 'png',
      mimeType: 'image/png',
      width: 64,
      height: 48,
      frames: 1,
    });
    expect(readImageHeader(jpegBytes(1920, 1080))).toMatchObject({
      format: 'jpeg',
      width: 1920,
      height: 1080,
    });
    expect(readImageHeader(webpBytes(4000, 3000))).toMatchObject({
      format: 'webp',
      width: 4000,
      height: 3000,
      frames: 1,
    });
    expect(readImageHeader(gifBytes(10, 20, 1))).toMatchObject({
      format: 'gif',
      width: 10,
      height: 20,
      frames: 1,
    });
  });

  it('counts GIF frames and spots animated PNG and WEBP', () => {
    expect(readImageHeader(gifBytes(1, 1, 3))?.frames).toBe(3);
    expect(readImageHeader(pngBytes(8, 8, { animated: true }))?.frames).toBe(3);
    expect(readImageHeader(webpBytes(8, 8, { animated: true }))?.frames).toBe(2);
  });

  it('returns undefined for other files and for truncated headers', () => {
    expect(readImageHeader(Buffer.from('%PDF-1.7 hello'))).toBeUndefined();
    expect(readImageHeader(Buffer.from('BM'))).toBeUndefined();
    expect(readImageHeader(pngBytes(8, 8).subarray(0, 18))).toBeUndefined();
    expect(readImageHeader(jpegBytes(8, 8).subarray(0, 10))).toBeUndefined();
    expect(readImageHeader(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('loadImage', () => {
  it('returns a data URL image part with the pixel size', async () => {
    await writeFile(file('chart.png'), pngBytes(32, 16));
    const image = await loadImage(file('chart.png'));
    expect(image).toMatchObject({ type: 'image', width: 32, height: 16 });
    expect(image.url.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(Buffer.from(image.url.split(',')[1]!, 'base64')).toEqual(pngBytes(32, 16));
  });

  it('detects the format from content, not from the file name', async () => {
    await writeFile(file('photo.png'), jpegBytes(100, 50));
    expect((await loadImage(file('photo.png'))).url.startsWith('data:image/jpeg;base64,')).toBe(true);
  });

  it('rejects animated, unsupported, oversized and missing files with a message naming the file', async () => {
    await writeFile(file('anim.gif'), gifBytes(1, 1, 2));
    await expect(loadImage(file('anim.gif'))).rejects.toThrow(
      'Image "anim.gif" is an animated GIF (2 frames)',
    );
    await writeFile(file('notes.txt'), 'hello');
    await expect(loadImage(file('notes.txt'))).rejects.toThrow(
      'Image "notes.txt" is not a PNG, JPEG, WEBP or GIF file.',
    );
    await writeFile(file('big.png'), pngBytes(64, 64));
    await expect(loadImage(file('big.png'), { maxBytes: 100 })).rejects.toThrow(
      /"big.png" is [\d,]+ bytes; the limit is 100 bytes/,
    );
    const missing = await loadImage(file('nope.png')).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(UserInputError);
    expect((missing as UserInputError).path).toBe(file('nope.png'));
  });

  it('enforces the 10 MB limit by default', async () => {
    await writeFile(file('huge.png'), Buffer.concat([pngBytes(8, 8), Buffer.alloc(10 * 1024 * 1024)]));
    await expect(loadImage(file('huge.png'))).rejects.toThrow(
      /bytes; the limit is 10,485,760 bytes \(10.0 MB\)/,
    );
  });

  it('accepts at most 8 images per request', async () => {
    await writeFile(file('one.png'), pngBytes(4, 4));
    expect(await loadImages(Array(8).fill(file('one.png')))).toHaveLength(8);
    await expect(loadImages(Array(9).fill(file('one.png')))).rejects.toThrow(
      '9 images were given; a request may carry at most 8.',
    );
  });
});
