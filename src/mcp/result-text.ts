import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';

/**
 * The text the model reads for an MCP tool result: text blocks as they are; structured content as JSON when
 * no text block carries it; embedded text resources with their URI; links, images, audio and binary
 * resources as a one-line note (their kind, MIME type, size and URI), since a tool message carries text.
 * Blocks are separated by a blank line.
 */
export function resultText(result: CallToolResult): string {
  const blocks = (result.content ?? []).map(blockText);
  const hasText = (result.content ?? []).some((block) => block.type === 'text');
  if (result.structuredContent !== undefined && !hasText)
    blocks.unshift(JSON.stringify(result.structuredContent));
  return blocks.join('\n\n');
}

function blockText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${base64Bytes(block.data)} bytes, not shown]`;
    case 'resource_link': {
      const about = block.description ? `: ${block.description}` : '';
      return `[resource link "${block.name}" ${block.uri}${block.mimeType ? ` (${block.mimeType})` : ''}${about}]`;
    }
    case 'resource': {
      const { resource } = block;
      const type = resource.mimeType ? ` (${resource.mimeType})` : '';
      if ('text' in resource && typeof resource.text === 'string')
        return `[resource ${resource.uri}${type}]\n${resource.text}`;
      const blob = 'blob' in resource && typeof resource.blob === 'string' ? resource.blob : '';
      return `[resource ${resource.uri}${type}, ${base64Bytes(blob)} bytes of binary data, not shown]`;
    }
    default:
      return `[${(block as { type: string }).type} content, not shown]`;
  }
}

/** The decoded size of a base64 string, without decoding it. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
