import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { ImagePart, TextPart } from '../models/types.js';

/** Image types every vision route takes (Mistral: PNG, JPEG, WEBP, single-frame GIF; mistral-facts.md 11). */
const SHOWN_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/gif']);

/**
 * What the model reads for an MCP tool result, as parts: text blocks as they are; structured content as
 * JSON when no text block carries it; embedded text resources with their URI; images (and embedded image
 * resources) of a type a vision model takes as image parts, each after a line naming it; links, audio,
 * other binary data and other image types as a one-line note (their kind, MIME type, size and URI).
 */
export function resultParts(result: CallToolResult): Array<TextPart | ImagePart> {
  const parts = (result.content ?? []).flatMap(blockParts);
  const hasText = (result.content ?? []).some((block) => block.type === 'text');
  if (result.structuredContent !== undefined && !hasText)
    parts.unshift({ type: 'text', text: JSON.stringify(result.structuredContent) });
  return parts;
}

/** The text of result parts, blocks separated by a blank line (images left out). */
export function partsText(parts: ReadonlyArray<TextPart | ImagePart>): string {
  return parts
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text)
    .join('\n\n');
}

function text(value: string): TextPart[] {
  return [{ type: 'text', text: value }];
}

function image(label: string, mimeType: string, data: string): Array<TextPart | ImagePart> {
  if (!SHOWN_IMAGE_TYPES.has(mimeType.toLowerCase()))
    return text(`[${label} ${mimeType}, ${base64Bytes(data)} bytes, not shown: not PNG, JPEG, WEBP or GIF]`);
  return [
    { type: 'text', text: `[${label} ${mimeType}, ${base64Bytes(data)} bytes]` },
    { type: 'image', url: `data:${mimeType.toLowerCase()};base64,${data}` },
  ];
}

function blockParts(block: ContentBlock): Array<TextPart | ImagePart> {
  switch (block.type) {
    case 'text':
      return text(block.text);
    case 'image':
      return image('image', block.mimeType, block.data);
    case 'audio':
      return text(`[audio ${block.mimeType}, ${base64Bytes(block.data)} bytes, not shown]`);
    case 'resource_link': {
      const about = block.description ? `: ${block.description}` : '';
      return text(
        `[resource link "${block.name}" ${block.uri}${block.mimeType ? ` (${block.mimeType})` : ''}${about}]`,
      );
    }
    case 'resource': {
      const { resource } = block;
      const type = resource.mimeType ? ` (${resource.mimeType})` : '';
      if ('text' in resource && typeof resource.text === 'string')
        return text(`[resource ${resource.uri}${type}]\n${resource.text}`);
      const blob = 'blob' in resource && typeof resource.blob === 'string' ? resource.blob : '';
      if (resource.mimeType?.startsWith('image/'))
        return image(`resource ${resource.uri}`, resource.mimeType, blob);
      return text(`[resource ${resource.uri}${type}, ${base64Bytes(blob)} bytes of binary data, not shown]`);
    }
    default:
      return text(`[${(block as { type: string }).type} content, not shown]`);
  }
}

/** The decoded size of a base64 string, without decoding it. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
