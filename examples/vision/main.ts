/**
 * Vision: sends local images (PNG, JPEG, WEBP, single-frame GIF; at most 8, 10 MB each) as data URLs; the
 * router sends a turn with images to the general route (Mistral Small, which has vision).
 *
 *   npm run example:vision -- <image> [more images...] [--question "What is in this picture?"]
 *
 * Without an image it uses the bundled sample.png. Without MISTRAL_API_KEY it runs against the mock server.
 * @module
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRouter, defineAgent, isDragomanError, stream } from '../../src/index.js';
import { connectBackend } from '../shared/backend.js';
import { type ExampleIO, runAsScript } from '../shared/io.js';
import { renderEvents } from '../shared/render-events.js';
import { formatUsageSummary } from '../shared/usage-summary.js';
import { loadImages } from './load-image.js';
import { visionScript } from './script.js';

/** Runs the vision example; returns the process exit code (2 for an invalid image). */
export async function main(args: readonly string[], io: ExampleIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { question: { type: 'string', default: 'Describe this picture in two sentences.' } },
  });
  const backend = await connectBackend(io.env, visionScript);
  io.stdout.write(`${backend.banner}\n`);
  try {
    const files =
      positionals.length > 0 ? positionals : [fileURLToPath(new URL('./sample.png', import.meta.url))];
    let images: Awaited<ReturnType<typeof loadImages>>;
    try {
      images = await loadImages(files);
    } catch (error) {
      if (!isDragomanError(error)) throw error;
      io.stdout.write(`Cannot send that: ${error.message}\n`);
      return 2;
    }
    for (const [index, image] of images.entries()) {
      io.stdout.write(
        `Image ${index + 1}: ${files[index]} (${image.width}x${image.height}, ${Buffer.byteLength(image.url.slice(image.url.indexOf(',') + 1), 'base64').toLocaleString('en')} bytes)\n`,
      );
    }
    const agent = defineAgent({ name: 'vision', router: createRouter({ provider: backend.provider }) });
    const events = stream(
      agent,
      {
        role: 'user',
        content: [{ type: 'text', text: values.question }, ...images],
      },
      io.signal ? { signal: io.signal } : {},
    );
    await renderEvents(events, io);
    const result = await events.result();
    io.stdout.write(`\n${formatUsageSummary(result.usage.byModel)}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript((io) => main(process.argv.slice(2), io));
}
