import { createServer } from 'node:http';
import {
  AbstractChat,
  type ChatInit,
  type ChatState,
  type ChatStatus,
  DefaultChatTransport,
  type UIMessage,
} from 'ai';
import { serveWebHandler, type WebHandler } from '../../examples/shared/serve-web-handler.js';
import { listenOnLoopback } from '../../src/testing/listen-on-loopback.js';
import type { DragomanDataParts, DragomanMessageMetadata } from '../../src/web/index.js';

/** A UI message typed with dragoman's metadata and data parts, as a `useChat` app would type it. */
export type DragomanUIMessage = UIMessage<DragomanMessageMetadata, DragomanDataParts>;

/** Serves `handler` on 127.0.0.1 (a free port) through Node's http server; returns its URL and a stopper. */
export async function serveHandler(handler: WebHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    serveWebHandler(handler, incoming, outgoing).catch(() => outgoing.destroy());
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The chat state `useChat` keeps in React, kept in plain arrays here. */
class ArrayState implements ChatState<DragomanUIMessage> {
  status: ChatStatus = 'ready';
  error: Error | undefined = undefined;
  messages: DragomanUIMessage[] = [];
  pushMessage = (message: DragomanUIMessage) => {
    this.messages = [...this.messages, message];
  };
  popMessage = () => {
    this.messages = this.messages.slice(0, -1);
  };
  replaceMessage = (index: number, message: DragomanUIMessage) => {
    this.messages = this.messages.map((current, at) => (at === index ? message : current));
  };
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

/**
 * The AI SDK's own chat client (`AbstractChat`, what `useChat` wraps) over its default HTTP transport:
 * it posts, parses the stream with the SDK's parser and schema, and builds the UI messages.
 */
export class TestChat extends AbstractChat<DragomanUIMessage> {
  constructor(api: string, init: Omit<ChatInit<DragomanUIMessage>, 'transport' | 'messages'> = {}) {
    super({ ...init, transport: new DefaultChatTransport({ api }), state: new ArrayState() });
  }
  /** The chat's messages now. */
  get current(): DragomanUIMessage[] {
    return this.state.messages;
  }
}
