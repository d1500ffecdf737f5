import { UserInputError } from '../errors.js';
import type { ImagePart, TextPart } from '../models/types.js';
import { truncateToolOutput } from './tool-output.js';

// A registry symbol, so a value made by one copy of dragoman is recognized by another (two bundles).
const marker = Symbol.for('dragoman.tool-content');

/** A tool result holding images: made by {@link toolContent}, returned from `execute`. */
export interface ToolContent {
  readonly type: 'tool-content';
  readonly parts: ReadonlyArray<TextPart | ImagePart>;
}

/**
 * Makes a tool result of text and images, for a tool whose `execute` returns what the model should see: a
 * screenshot, a rendered chart, a page of a scanned PDF. Return it from `execute`; the images reach the
 * model as image parts where its route can see them (docs/agents-and-tools.md#images-in-tool-results).
 * Throws a `UserInputError` naming the part that is neither `{ type: 'text', text }` nor
 * `{ type: 'image', url }`.
 * @example
 * execute: async ({ url }) => toolContent([
 *   { type: 'text', text: `Screenshot of ${url}` },
 *   { type: 'image', url: `data:image/png;base64,${png.toString('base64')}` },
 * ]),
 */
export function toolContent(parts: ReadonlyArray<TextPart | ImagePart>): ToolContent {
  if (!Array.isArray(parts)) {
    throw new UserInputError('invalid-input', 'toolContent() takes an array of parts.', {
      path: 'parts',
      hint: "Pass [{ type: 'text', text }, { type: 'image', url }].",
    });
  }
  const copied = parts.map((part: TextPart | ImagePart, index) => {
    if (part?.type === 'text' && typeof part.text === 'string')
      return { type: 'text' as const, text: part.text };
    if (part?.type === 'image' && typeof part.url === 'string' && part.url !== '') return { ...part };
    throw new UserInputError('invalid-input', `toolContent() part ${index} is not a text or image part.`, {
      path: `parts[${index}]`,
      hint: "Use { type: 'text', text: '...' } or { type: 'image', url: 'https://...' | 'data:image/png;base64,...' }.",
    });
  });
  const content = { type: 'tool-content' as const, parts: copied };
  Object.defineProperty(content, marker, { value: true });
  return content;
}

/** True for a value made by {@link toolContent} (in any copy of dragoman). */
export function isToolContent(value: unknown): value is ToolContent {
  try {
    return typeof value === 'object' && value !== null && (value as { [marker]?: unknown })[marker] === true;
  } catch {
    return false; // a revoked Proxy
  }
}

/** The text of tool content, cut to `limit` characters, and its images when it holds any. */
export function splitToolContent(
  content: ToolContent,
  limit: number,
): { text: string; images?: ImagePart[] } {
  const texts = content.parts
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text);
  const text = truncateToolOutput(texts.join('\n\n'), limit);
  const images = content.parts.filter((part): part is ImagePart => part.type === 'image');
  return images.length > 0 ? { text, images } : { text };
}

/** The content of the tool message for a result's text and images: the text first (left out when empty). */
export function toolMessageContent(text: string, images: readonly ImagePart[]): Array<TextPart | ImagePart> {
  return text === '' ? [...images] : [{ type: 'text', text }, ...images];
}
