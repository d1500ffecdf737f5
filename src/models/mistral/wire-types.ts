/**
 * Mistral's wire types, taken from `@mistralai/mistralai` by type-only imports so `tsc` sees API drift:
 *
 * - `Wire*` are what the compiler produces: the SDK's own request types (camelCase), narrowed to the fields
 *   and values dragoman sends. {@link Narrow} rejects a key the SDK does not have and a value it would not
 *   take, so a renamed or retyped field fails the build here.
 * - {@link WireChatBody} is the JSON body on the wire: the SDK's `$Outbound` type (snake_case).
 * - {@link Inbound} derives the JSON Mistral sends back from the SDK's parsed response types, with every
 *   field optional, since a server may omit anything and is read defensively.
 *
 * None of the SDK's runtime loads: these imports vanish from the built code.
 * @module
 */
import type * as sdk from '@mistralai/mistralai/models/components';

/** `Shape`, checked against the SDK type `T`: every key must exist in `T` and accept `Shape`'s value. */
export type Narrow<T, Shape extends { [K in keyof Shape]: K extends keyof T ? T[K] : never }> = Shape;

/** A text chunk of message content. */
export type WireTextChunk = Narrow<sdk.TextChunk, { type: 'text'; text: string }>;

/** An image chunk of user content: an `https:` or `data:image/...` URL (`image_url` on the wire). */
export type WireImageChunk = Narrow<sdk.ImageURLChunk, { type: 'image_url'; imageUrl: string }>;

/** A reasoning chunk, only ever sent to models with reasoning. */
export type WireThinkingChunk = Narrow<
  sdk.ThinkChunk,
  { type: 'thinking'; thinking: WireTextChunk[] /** Replayed as the model sent it. */; signature?: string }
>;

/** A replayed tool call: a 9-character `[A-Za-z0-9]` id, arguments as a JSON string. */
export type WireToolCall = Narrow<
  sdk.ToolCall,
  { id: string; type: 'function'; function: Narrow<sdk.FunctionCall, { name: string; arguments: string }> }
>;

/** `role: "system"`; only ever the first message. */
export type WireSystemMessage = Narrow<sdk.SystemMessage, { role: 'system'; content: string }>;

/** `role: "user"`: a string, or text and image chunks. */
export type WireUserMessage = Narrow<
  sdk.UserMessage,
  { role: 'user'; content: string | Array<WireTextChunk | WireImageChunk> }
>;

/**
 * `role: "assistant"`: with tool calls, content is `''` (or the thinking chunks, for reasoning models);
 * `prefix: true` only on the last message.
 */
export type WireAssistantMessage = Narrow<
  sdk.AssistantMessage,
  {
    role: 'assistant';
    content: string | Array<WireTextChunk | WireThinkingChunk>;
    toolCalls?: WireToolCall[];
    prefix?: true;
  }
>;

/** `role: "tool"`: answers exactly one call (`tool_call_id`) and names the tool (by its wire name). */
export type WireToolMessage = Narrow<
  sdk.ToolMessage,
  { role: 'tool'; content: string; toolCallId: string; name: string }
>;

/** Any message of a compiled history. */
export type WireMessage = WireSystemMessage | WireUserMessage | WireAssistantMessage | WireToolMessage;

/** A function tool as sent in `tools`. */
export type WireTool = Narrow<
  sdk.Tool,
  {
    type: 'function';
    function: Narrow<
      sdk.FunctionT,
      { name: string; description?: string; parameters: { [key: string]: unknown } }
    >;
  }
>;

/** `tool_choice`. */
export type WireToolChoice =
  | Extract<sdk.ToolChoiceEnum, 'auto' | 'none' | 'any' | 'required'>
  | Narrow<sdk.ToolChoice, { type: 'function'; function: Narrow<sdk.FunctionName, { name: string }> }>;

/** `response_format` (`json_schema.schema` is `schemaDefinition` in the SDK's camelCase). */
export type WireResponseFormat =
  | Narrow<sdk.ResponseFormat, { type: 'text' | 'json_object' }>
  | Narrow<
      sdk.ResponseFormat,
      {
        type: 'json_schema';
        jsonSchema: Narrow<
          sdk.JsonSchema,
          { name: string; schemaDefinition: { [key: string]: unknown }; strict?: boolean }
        >;
      }
    >;

/** The request fields dragoman sets. Absent fields are never sent. */
export type WireChatRequest = Narrow<
  sdk.ChatCompletionRequest,
  {
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
    prediction?: Narrow<sdk.Prediction, { type: 'content'; content: string }>;
    reasoningEffort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
    promptCacheKey?: string;
  }
>;

/** The JSON body of `POST /v1/chat/completions`, as the SDK types it on the wire. */
export type WireChatBody = sdk.ChatCompletionRequest$Outbound;

/** The JSON body of `POST /v1/fim/completions`. */
export type WireFimBody = sdk.FIMCompletionRequest$Outbound;

type SnakeKey<Key extends string> = Key extends `${infer Head}${infer Rest}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeKey<Rest>}`
  : Key;

/**
 * The JSON a server sends for an SDK response type `T`: keys in snake_case, every field optional or null,
 * dates as strings. Extra fields a server adds are simply not typed.
 */
export type Inbound<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends Date
    ? string
    : T extends ReadonlyArray<infer Item>
      ? Array<Inbound<Item>>
      : T extends object
        ? { [Key in keyof T as Key extends string ? SnakeKey<Key> : never]?: Inbound<T[Key]> | null }
        : T;

/** A non-streamed chat (or FIM) completion as it arrives. */
export type WireChatResponse = Inbound<sdk.ChatCompletionResponse>;

/** One streamed chunk as it arrives (the `p` padding field is not typed and ignored). */
export type WireStreamChunk = Inbound<sdk.CompletionChunk>;

/** Content as it arrives: a string or chunks (text, thinking, and kinds dragoman ignores). */
export type WireContent = NonNullable<NonNullable<WireChatResponse['choices']>[number]['message']>['content'];

/** A tool call as it arrives. */
export type WireToolCallIn = NonNullable<
  NonNullable<NonNullable<WireChatResponse['choices']>[number]['message']>['tool_calls']
>[number];

/** `usage` as it arrives, with the extra keys servers send (`prompt_tokens_details`, `num_cached_tokens`). */
export type WireUsage = Inbound<sdk.UsageInfo> & { [key: string]: unknown };

/** `GET /v1/models` as it arrives. */
export type WireModelList = Inbound<sdk.ModelList>;
