import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../examples/vision/main.js';
import { testIO } from './example-io.js';
import { gifBytes, jpegBytes } from './image-bytes.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dragoman-vision-example-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('vision example (offline, mock server)', () => {
  it('sends the sample image as a data URL on the general route and prints the answer', async () => {
    const io = testIO();
    expect(await main([], io)).toBe(0);
    const output = io.output();
    expect(output.split('\n')[0]).toMatch(/^No MISTRAL_API_KEY: running offline/);
    expect(output).toMatch(/Image 1: .*sample\.png \(96x64, 286 bytes\)/);
    expect(output).toMatch(/\[route\] general → mistral-small-latest \(turn has 1 image/);
    // The mock decoded the PNG header from what arrived over HTTP.
    expect(output).toContain('Image 1 (PNG, 96x64 pixels): A simple illustration');
  }, 30_000);

  it('sends several images in one turn', async () => {
    const photo = path.join(folder, 'photo.jpg');
    await writeFile(photo, jpegBytes(640, 480));
    const io = testIO();
    expect(await main([photo, photo, '--question', 'Compare them.'], io)).toBe(0);
    expect(io.output()).toContain('Image 2 (JPEG, 640x480 pixels)');
  }, 30_000);

  it('refuses an animated GIF, a non-image and more than 8 images before sending anything', async () => {
    const animated = path.join(folder, 'anim.gif');
    await writeFile(animated, gifBytes(2, 2, 3));
    const notes = path.join(folder, 'notes.txt');
    await writeFile(notes, 'hello');
    const cases: Array<[string[], RegExp]> = [
      [[animated], /Cannot send that: Image "anim.gif" is an animated GIF \(3 frames\)/],
      [[notes], /Cannot send that: Image "notes.txt" is not a PNG, JPEG, WEBP or GIF file/],
      [Array(9).fill(animated), /Cannot send that: 9 images were given; a request may carry at most 8/],
    ];
    for (const [files, message] of cases) {
      const io = testIO();
      expect(await main(files, io)).toBe(2);
      expect(io.output()).toMatch(message);
      expect(io.output()).not.toContain('[route]');
    }
  }, 30_000);
});
