/**
 * The Mistral chat request as the SDK's `chatComplete` / `chatStream` take it (camelCase; the SDK renames
 * fields to snake_case on the wire). Declared here so the compiler stays pure and the SDK's generated types
 * never leak into dragoman's API.
 * @module
 */

/** A text chunk of message content. */
export interface WireTextChunk {
  type: 'text';
  text: string;
}

/** An image chunk of user content: an `https:` or `data:image/...` URL (`image_url` on the wire). */
export interface WireImageChunk {
  type: 'image_url';
  imageUrl: string;
}

/** A reasoning chunk, only ever sent to models with reasoning. */
export interface WireThinkingChunk {
  type: 'thinking';
  thinking: WireTextChunk[];
  /** Replayed as the model sent it. */
  signature?: string;
}

/** A replayed tool call: a 9-character `[A-Za-z0-9]` id, arguments as a JSON string. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** `role: "system"`; only ever the first message. */
export interface WireSystemMessage {
  role: 'system';
  content: string;
}

/** `role: "user"`: a string, or text and image chunks. */
export interface WireUserMessage {
  role: 'user';
  content: string | Array<WireTextChunk | WireImageChunk>;
}

/**
 * `role: "assistant"`: with tool calls, content is `''` (or the thinking chunks, for reasoning models);
 * `prefix: true` only on the last message.
 */
export interface WireAssistantMessage {
  role: 'assistant';
  content: string | Array<WireTextChunk | WireThinkingChunk>;
  toolCalls?: WireToolCall[];
  prefix?: true;
}

/** `role: "tool"`: answers exactly one call (`tool_call_id`) and names the tool (by its wire name). */
export interface WireToolMessage {
  role: 'tool';
  content: string;
  toolCallId: string;
  name: string;
}

/** Any message of a compiled history. */
export type WireMessage = WireSystemMessage | WireUserMessage | WireAssistantMessage | WireToolMessage;

/** A function tool as sent in `tools`. */
export interface WireTool {
  type: 'function';
  function: { name: string; description?: string; parameters: { [key: string]: unknown } };
}

/** `tool_choice`. */
export type WireToolChoice =
  | 'auto'
  | 'none'
  | 'any'
  | 'required'
  | { type: 'function'; function: { name: string } };

/** `response_format` (`json_schema.schema` is `schemaDefinition` in the SDK's camelCase). */
export type WireResponseFormat =
  | { type: 'text' | 'json_object' }
  | {
      type: 'json_schema';
      jsonSchema: { name: string; schemaDefinition: { [key: string]: unknown }; strict?: boolean };
    };

/** The request fields dragoman sets. Absent fields are never sent. */
export interface WireChatRequest {
  model: string;
  messages: WireMessage[];
  tools?: WireTool[];
  toolChoice?: WireToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  randomSeed?: number;
  stop?: string[];
  responseFormat?: WireResponseFormat;
  prediction?: { type: 'content'; content: string };
  reasoningEffort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  promptCacheKey?: string;
}
