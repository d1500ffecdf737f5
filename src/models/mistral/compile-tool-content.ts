/**
 * Tool results for the Mistral wire compiler, including the images a tool returned.
 *
 * Where the images go: Mistral's OpenAPI spec lets a tool message's content be chunks, image chunks included,
 * but mistral-common accepts non-text chunks in tool messages only from tokenizer v15 (R18), and which
 * tokenizer version each hosted model runs is not published. The one recording of a tool image on the real
 * API (`image-url-after-tool.mistral-medium.2026-02.request.json`, from pydantic-ai's cassettes) sends the
 * tool's text in the tool message, then an assistant turn and a user message holding the image. That order
 * is valid on every model (R4, R5), so it is what dragoman sends: the tool message keeps the text and says
 * the images follow; after the group of results comes the bridging assistant turn, then one user message
 * with each tool's images under a line naming the tool and call.
 * @module
 */
import { imagesFollowNote, toolImagesCaption } from '../tool-image-text.js';
import type { Message, ToolMessage } from '../types.js';
import { imageUrlProblem, MAX_IMAGES_PER_REQUEST } from './compile-content.js';
import type { WireImageChunk, WireTextChunk } from './wire-types.js';

/** The images of one tool result, shown after its group. */
export interface ToolImages {
  /** The call's wire name and id. */
  name: string;
  toolCallId: string;
  chunks: WireImageChunk[];
}

/** Turns tool results into tool-message text plus the image chunks to show after the group. */
export interface ToolContentCompiler {
  compile(message: ToolMessage, path: string): { text: string; images: WireImageChunk[] } | undefined;
}

/**
 * A compiler for the tool results of `messages`. Images a model cannot see become a one-line note in the
 * text: every image when `vision` is false, an image Mistral would refuse (scheme, format, over 10 MB), and
 * the oldest tool images when the request would hold more than 8 images with the user's (the newest are
 * kept: they are what the model is working on). `compile` answers `undefined` for malformed content.
 */
export function createToolContentCompiler(
  messages: readonly Message[],
  vision: boolean,
): ToolContentCompiler {
  let userImages = 0;
  let toolImages = 0;
  for (const message of messages) {
    if (!Array.isArray(message?.content)) continue;
    const images = (message.content as Array<{ type?: unknown }>).filter(
      (part) => part?.type === 'image',
    ).length;
    if (message.role === 'user') userImages += images;
    else if (message.role === 'tool') toolImages += images;
  }
  let toDrop = Math.max(0, toolImages - Math.max(0, MAX_IMAGES_PER_REQUEST - userImages));
  return {
    compile(message) {
      const content = message.content as unknown;
      if (typeof content === 'string') return { text: content, images: [] };
      if (!Array.isArray(content)) return undefined;
      const texts: string[] = [];
      const images: WireImageChunk[] = [];
      for (const part of content as Array<{ type?: unknown; text?: unknown; url?: unknown }>) {
        if (part?.type === 'text' && typeof part.text === 'string') {
          if (part.text !== '') texts.push(part.text);
        } else if (part?.type === 'image' && typeof part.url === 'string') {
          const problem = !vision
            ? 'this model cannot see images'
            : toDrop > 0
              ? `a request takes ${MAX_IMAGES_PER_REQUEST} images and newer ones were kept`
              : imageUrlProblem(part.url);
          if (vision && toDrop > 0) toDrop--;
          if (problem === undefined) images.push({ type: 'image_url', imageUrl: part.url });
          else texts.push(`[image not shown: ${problem}]`);
        } else return undefined;
      }
      if (images.length > 0) {
        texts.push(imagesFollowNote(images.length));
      }
      return { text: texts.join('\n\n'), images };
    },
  };
}

/** The user message that shows a group's tool images, each tool's under a line naming it. */
export function toolImagesContent(group: readonly ToolImages[]): Array<WireTextChunk | WireImageChunk> {
  const content: Array<WireTextChunk | WireImageChunk> = [];
  for (const { name, toolCallId, chunks } of group) {
    content.push({ type: 'text', text: toolImagesCaption(name, toolCallId, chunks.length) });
    content.push(...chunks);
  }
  return content;
}
