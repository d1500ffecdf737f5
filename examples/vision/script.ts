import { readFileSync } from 'node:fs';
import type { MockChatRequest, MockReply } from '../../src/testing/index.js';
import { readImageHeader } from './image-header.js';

const sample = readFileSync(new URL('./sample.png', import.meta.url)).toString('base64');

/** Data URLs of the images in the last user message of a wire request. */
export function imagesOf(request: MockChatRequest): string[] {
  const last = (request.body.messages ?? []).findLast((message) => message.role === 'user');
  if (!Array.isArray(last?.content)) return [];
  return last.content
    .map((part: { type?: string; image_url?: string | { url?: string } }) =>
      part.type === 'image_url'
        ? typeof part.image_url === 'string'
          ? part.image_url
          : part.image_url?.url
        : undefined,
    )
    .filter((url): url is string => typeof url === 'string');
}

/**
 * The mock's answer to an image: it decodes what actually arrived over HTTP (format and size from the data
 * URL) and describes the bundled sample picture; other pictures get an honest "a real model would say".
 */
export function visionScript(request: MockChatRequest): MockReply {
  const images = imagesOf(request);
  if (images.length === 0) return { text: 'I did not receive an image.' };
  const lines = images.map((url, index) => {
    const base64 = url.slice(url.indexOf(',') + 1);
    const header = readImageHeader(Buffer.from(base64, 'base64'));
    const size = header
      ? `${header.format.toUpperCase()}, ${header.width}x${header.height} pixels`
      : 'unreadable';
    const seen =
      base64 === sample
        ? 'A simple illustration: a blue sky, a yellow sun at the top right, and a green hill across the bottom.'
        : 'The mock server cannot see pictures; set MISTRAL_API_KEY to have a real model describe it.';
    return `Image ${index + 1} (${size}): ${seen}`;
  });
  return { text: lines.join('\n') };
}
