export * from './catalog/index.js';
export { messageImages, messageText } from './message-text.js';
export * from './mistral/index.js';
export * from './openai-compatible/index.js';
export type { RetryOptions } from './retry.js';
export { serverOf } from './server-of.js';
export type { StartTimeoutOptions } from './timeout.js';
export { DEFAULT_RESPONSE_LIMITS, type FetchFunction, type ResponseLimits } from './transport/index.js';
export type {
  AssistantMessage,
  AssistantMeta,
  CallOptions,
  FinishReason,
  ImagePart,
  JsonSchema,
  Message,
  Model,
  ModelCapabilities,
  ModelLister,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelServer,
  ModelSettings,
  RemoteModelInfo,
  ResponseFormat,
  ResponseMeta,
  StreamDelta,
  SystemMessage,
  TextPart,
  ThinkingPart,
  ToolCall,
  ToolChoice,
  ToolMessage,
  ToolSpec,
  Usage,
  UserMessage,
} from './types.js';
