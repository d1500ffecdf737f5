/**
 * Content compilation for the Mistral wire compiler: user text and images, assistant text and thinking.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { AssistantMessage, ThinkingPart, UserMessage } from '../types.js';
import type { WireImageChunk, WireTextChunk, WireThinkingChunk } from './wire-types.js';

/** Mistral accepts at most 8 images per request (mistral-facts.md, rule 11). */
export const MAX_IMAGES_PER_REQUEST = 8;

/** Bytes Mistral accepts per image (mistral-facts.md rule 11: "10 MB each"; R19 in docs/mistral-wire-rules.md). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const IMAGE_URL = /^(https?:\/\/\S+|data:image\/(png|jpeg|jpg|webp|gif);base64,[A-Za-z0-9+/=\s]+)$/;

/** The decoded size of a base64 data URL, from its length (nothing is decoded). */
function dataUrlBytes(url: string): number {
  if (!url.startsWith('data:')) return 0;
  const payload = url.length - url.indexOf(',') - 1;
  let padding = 0;
  while (padding < 2 && url[url.length - 1 - padding] === '=') padding++;
  return Math.floor(((payload - padding) * 3) / 4);
}

/**
 * Why Mistral would refuse an image URL (R19: scheme, format, 10 MB), in words, or `undefined` when it takes
 * it. For images a tool returned, which are described instead of refused.
 */
export function imageUrlProblem(url: string): string | undefined {
  const bytes = dataUrlBytes(url);
  if (bytes > MAX_IMAGE_BYTES) return `it has ${bytes.toLocaleString('en-US')} bytes, over Mistral's 10 MB`;
  if (!IMAGE_URL.test(url)) return 'Mistral takes https:// and data:image/{png,jpeg,webp,gif} URLs only';
  return undefined;
}

function checkImageUrl(url: string, partPath: string): void {
  // The size first: a 20 MB data URL must not go through the pattern below at all.
  const bytes = dataUrlBytes(url);
  if (bytes > MAX_IMAGE_BYTES) {
    throw new UserInputError(
      'invalid-input',
      `${partPath} is an image of ${bytes.toLocaleString('en-US')} bytes; Mistral accepts at most ${MAX_IMAGE_BYTES.toLocaleString('en-US')} bytes (10 MB) per image.`,
      { path: partPath, hint: 'Downscale or recompress the image, or send it as an https:// URL.' },
    );
  }
  if (!IMAGE_URL.test(url)) {
    throw invalid(
      partPath,
      `${partPath} has an image URL Mistral cannot fetch: ${JSON.stringify(url.slice(0, 60))}.`,
      'Use an https:// URL or a data:image/{png,jpeg,webp,gif};base64,... URL.',
    );
  }
}

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-history', message, { path, hint });
}

/**
 * User content: a plain string stays a string; parts become text and `image_url` chunks. Parts without
 * images are joined into one string (an empty part list becomes `''`, never `[]`).
 */
export function compileUserContent(
  message: UserMessage,
  path: string,
): { content: string | Array<WireTextChunk | WireImageChunk>; images: number } {
  if (typeof message.content === 'string') return { content: message.content, images: 0 };
  if (!Array.isArray(message.content)) {
    throw invalid(
      path,
      `${path}.content is neither a string nor an array.`,
      'Pass text or text/image parts.',
    );
  }
  const chunks: Array<WireTextChunk | WireImageChunk> = [];
  let images = 0;
  message.content.forEach((part, index) => {
    const partPath = `${path}.content[${index}]`;
    if (part?.type === 'text' && typeof part.text === 'string') {
      if (part.text !== '') chunks.push({ type: 'text', text: part.text });
    } else if (part?.type === 'image' && typeof part.url === 'string') {
      checkImageUrl(part.url, partPath);
      images++;
      chunks.push({ type: 'image_url', imageUrl: part.url });
    } else {
      throw invalid(
        partPath,
        `${partPath} is not a text or image part.`,
        'Use {type:"text"} or {type:"image"}.',
      );
    }
  });
  if (images === 0) return { content: chunks.map((chunk) => (chunk as WireTextChunk).text).join(''), images };
  return { content: chunks, images };
}

/** Assistant text (parts joined) and thinking runs (with their signatures), in order. */
export function splitAssistantContent(
  message: AssistantMessage,
  path: string,
): { text: string; thinking: ThinkingPart[] } {
  if (typeof message.content === 'string') return { text: message.content, thinking: [] };
  if (!Array.isArray(message.content)) {
    throw invalid(path, `${path}.content is neither a string nor an array.`, 'Pass text or text parts.');
  }
  let text = '';
  const thinking: ThinkingPart[] = [];
  message.content.forEach((part, index) => {
    if (part?.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part?.type === 'thinking' && typeof part.text === 'string') {
      if (part.text !== '') thinking.push(part);
    } else {
      const partPath = `${path}.content[${index}]`;
      throw invalid(partPath, `${partPath} is not a text or thinking part.`, 'Assistant content holds text.');
    }
  });
  return { text, thinking };
}

/** Thinking runs as wire chunks, each with its signature when the model gave one. */
export function compileThinking(thinking: readonly ThinkingPart[]): WireThinkingChunk[] {
  return thinking.map((run) => {
    const chunk: WireThinkingChunk = { type: 'thinking', thinking: [{ type: 'text', text: run.text }] };
    if (typeof run.signature === 'string' && run.signature !== '') chunk.signature = run.signature;
    return chunk;
  });
}

/**
 * Assistant content for the wire. Thinking is kept only for reasoning models (sending it to other models
 * fails: R20 in docs/mistral-wire-rules.md), as chunks leading the text, with their signatures.
 */
export function compileAssistantContent(
  text: string,
  thinking: readonly ThinkingPart[],
  reasoning: boolean,
): string | Array<WireTextChunk | WireThinkingChunk> {
  if (!reasoning || thinking.length === 0) return text;
  const chunks: Array<WireTextChunk | WireThinkingChunk> = compileThinking(thinking);
  if (text !== '') chunks.push({ type: 'text', text });
  return chunks;
}
