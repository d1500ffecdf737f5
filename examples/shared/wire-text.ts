import type { MockWireMessage } from '../../src/testing/index.js';

/** The text of a wire message as the mock server received it (string content or text parts), for scripts. */
export const textOf = (message: MockWireMessage | undefined): string =>
  typeof message?.content === 'string'
    ? message.content
    : Array.isArray(message?.content)
      ? message.content.map((part: { text?: string }) => part.text ?? '').join('')
      : '';
