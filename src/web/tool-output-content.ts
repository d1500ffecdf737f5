import { UserInputError } from '../errors.js';
import type { ImagePart, TextPart } from '../models/types.js';
import { splitToolContent, toolContent, toolMessageContent } from '../tools/tool-content.js';

/**
 * True for a tool part's output that has the shape of `toolContent()`'s value, `{ type: 'tool-content', parts }`:
 * what the browser received for a tool that returned text and images, sent back in the chat's history.
 */
export function isToolOutputContent(output: unknown): output is { type: 'tool-content'; parts: unknown } {
  return (
    typeof output === 'object' && output !== null && (output as { type?: unknown }).type === 'tool-content'
  );
}

/**
 * The tool message content for such an output: its text (parts joined as the loop joins them) followed by
 * its images, so the model sees the images again instead of their base64 as text. Throws a
 * `UserInputError` naming the part at `path` when a part is neither text nor an image.
 */
export function toolOutputContent(
  output: { type: 'tool-content'; parts: unknown },
  path: string,
): Array<TextPart | ImagePart> {
  const { parts } = output;
  if (!Array.isArray(parts)) {
    throw new UserInputError('invalid-input', `${path}.parts is not an array of text and image parts.`, {
      path: `${path}.parts`,
      hint: "Send the tool output back as the server streamed it: { type: 'tool-content', parts: [...] }.",
    });
  }
  let content: ReturnType<typeof toolContent>;
  try {
    content = toolContent(parts);
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    const where = `${path}.${error.path ?? 'parts'}`;
    throw new UserInputError('invalid-input', `${where} is not a text or image part.`, {
      path: where,
      hint: "Send the tool output back as the server streamed it: parts of { type: 'text', text } and { type: 'image', url }.",
    });
  }
  const { text, images = [] } = splitToolContent(content, Number.POSITIVE_INFINITY);
  return toolMessageContent(text, images);
}
