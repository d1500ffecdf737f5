/**
 * Content compilation for the Mistral wire compiler: user text and images, assistant text and thinking.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { AssistantMessage, UserMessage } from '../types.js';
import type { WireImageChunk, WireTextChunk, WireThinkingChunk } from './wire-types.js';

/** Mistral accepts at most 8 images per request (mistral-facts.md, rule 11). */
export const MAX_IMAGES_PER_REQUEST = 8;

const IMAGE_URL = /^(https?:\/\/\S+|data:image\/(png|jpeg|jpg|webp|gif);base64,[A-Za-z0-9+/=\s]+)$/;

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
      if (!IMAGE_URL.test(part.url)) {
        throw invalid(
          partPath,
          `${partPath} has an image URL Mistral cannot fetch: ${JSON.stringify(part.url.slice(0, 60))}.`,
          'Use an https:// URL or a data:image/{png,jpeg,webp,gif};base64,... URL.',
        );
      }
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

/** Assistant text (parts joined) and thinking runs, in order. */
export function splitAssistantContent(
  message: AssistantMessage,
  path: string,
): { text: string; thinking: string[] } {
  if (typeof message.content === 'string') return { text: message.content, thinking: [] };
  if (!Array.isArray(message.content)) {
    throw invalid(path, `${path}.content is neither a string nor an array.`, 'Pass text or text parts.');
  }
  let text = '';
  const thinking: string[] = [];
  message.content.forEach((part, index) => {
    if (part?.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part?.type === 'thinking' && typeof part.text === 'string') {
      if (part.text !== '') thinking.push(part.text);
    } else {
      const partPath = `${path}.content[${index}]`;
      throw invalid(partPath, `${partPath} is not a text or thinking part.`, 'Assistant content holds text.');
    }
  });
  return { text, thinking };
}

/**
 * Assistant content for the wire. Thinking is kept only for reasoning models (sending it to other models
 * fails, mistral-facts.md rule 12), as chunks before the text.
 */
export function compileAssistantContent(
  text: string,
  thinking: string[],
  reasoning: boolean,
): string | Array<WireTextChunk | WireThinkingChunk> {
  if (!reasoning || thinking.length === 0) return text;
  const chunks: Array<WireTextChunk | WireThinkingChunk> = thinking.map((run) => ({
    type: 'thinking',
    thinking: [{ type: 'text', text: run }],
  }));
  if (text !== '') chunks.push({ type: 'text', text });
  return chunks;
}
