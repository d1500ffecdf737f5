import { type MockErrorResponse, tooManyImagesError } from './error-bodies.js';
import { contentChunkError, imageError, reasoningInputError } from './rule-errors.js';
import type { MockWireMessage } from './types.js';

/** Images Mistral accepts in one request. Source: Mistral's vision docs (mistral-facts.md rule 11). */
export const maxImagesPerRequest = 8;
/** Bytes one image may have. Source: Mistral's vision docs (mistral-facts.md rule 11: "10 MB each"). */
export const maxImageBytes = 10 * 1024 * 1024;

/** R18: the chunk types each role takes (tool takes anything but thinking, from tokenizer v15). */
const allowedChunks: Record<string, ReadonlySet<string>> = {
  system: new Set(['text']),
  user: new Set(['text', 'image_url', 'input_audio', 'document_url', 'file', 'reference']),
  assistant: new Set(['text', 'thinking']),
  tool: new Set(['text', 'image_url', 'input_audio', 'document_url', 'file', 'reference']),
};

const IMAGE_URL = /^(https?:\/\/\S+|data:image\/[a-z0-9.+-]+;base64,)/i;

/** Decoded size of a base64 data URL's payload, computed from its length (no decoding). */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return 0;
  let length = url.length - comma - 1;
  while (length > 0 && url[comma + length] === '=') length--;
  return Math.floor((length * 3) / 4);
}

function imageUrlOf(chunk: Record<string, unknown>): string {
  const value = chunk.image_url;
  if (typeof value === 'string') return value;
  const url = (value as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : '';
}

/** R19: the scheme and size of one image chunk. */
function checkImage(url: string): MockErrorResponse | undefined {
  if (!IMAGE_URL.test(url)) {
    return imageError(`Image url must be an http(s) URL or a base64 image data URL, got ${url.slice(0, 40)}`);
  }
  const bytes = dataUrlBytes(url);
  if (bytes > maxImageBytes) {
    return imageError(`Image is ${bytes} bytes, larger than the limit of ${maxImageBytes} bytes`);
  }
  return undefined;
}

/**
 * R18-R20: chunk types per role, image schemes, sizes and count, and thinking chunks (only to models with
 * reasoning, and only leading an assistant message's content).
 */
export function checkContent(
  messages: readonly MockWireMessage[],
  reasoning: boolean,
): MockErrorResponse | undefined {
  let images = 0;
  for (const message of messages) {
    if (!Array.isArray(message.content)) continue;
    const allowed = allowedChunks[message.role];
    let textSeen = false;
    for (const raw of message.content) {
      const chunk = raw as Record<string, unknown>;
      const type = String(chunk.type);
      if (allowed !== undefined && !allowed.has(type)) return contentChunkError(message.role);
      if (type === 'thinking') {
        if (!reasoning) return reasoningInputError();
        if (textSeen) return contentChunkError(message.role);
      } else textSeen = true;
      if (type === 'image_url') {
        images++;
        const error = checkImage(imageUrlOf(chunk));
        if (error !== undefined) return error;
      }
    }
  }
  return images > maxImagesPerRequest ? tooManyImagesError(images, maxImagesPerRequest) : undefined;
}
