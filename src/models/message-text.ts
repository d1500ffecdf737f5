import type { AssistantMessage, ImagePart, Message, UserMessage } from './types.js';

/** The plain text of a message: text parts joined, thinking and images left out. */
export function messageText(message: Message): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) if (part.type === 'text') text += part.text;
  return text;
}

/** The images of a user message, or none. */
export function messageImages(message: UserMessage | AssistantMessage): ImagePart[] {
  if (typeof message.content === 'string' || message.role !== 'user') return [];
  return message.content.filter((part): part is ImagePart => part.type === 'image');
}
