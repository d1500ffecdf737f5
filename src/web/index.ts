/**
 * `dragoman/web`: agents in web apps. Web-standard handlers (`Request` in, `Response` out, for Node, Bun,
 * Deno and edge runtimes) that stream a run in the AI SDK UI message stream protocol, so `useChat` and the
 * AI SDK's readers work against a dragoman backend; approvals over HTTP; no Node built-ins.
 * @module
 */

export type { ChatHandlerOptions, ChatRequestContext } from './chat-handler.js';
export { createChatHandler } from './chat-handler.js';
export type { ChunkStreamOptions } from './chunk-stream.js';
export { toUIMessageChunks } from './chunk-stream.js';
export type { ChunkEncoder, ChunkEncoderOptions } from './event-chunks.js';
export { createChunkEncoder, defaultErrorText } from './event-chunks.js';
export { readChatRequest } from './read-chat-request.js';
export type { MemoryRunStateStoreOptions, RunStateStore } from './run-state-store.js';
export { createMemoryRunStateStore } from './run-state-store.js';
export type { ToResponseOptions } from './to-response.js';
export { toResponse, UI_MESSAGE_STREAM_HEADERS } from './to-response.js';
export type {
  ChatRequestBody,
  DragomanDataChunk,
  DragomanDataPartName,
  DragomanDataParts,
  DragomanMessageMetadata,
  UIMessageChunk,
  UIMessageInput,
  UIMessagePartInput,
} from './types.js';
export { toMessages } from './ui-messages.js';
