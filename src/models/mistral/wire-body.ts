/**
 * Turns a compiled request into the JSON body Mistral receives: the SDK's camelCase field names become the
 * wire's snake_case, typed by the SDK's own `$Outbound` types, so a renamed wire field fails the build. The
 * output equals what the SDK's serializer produces (tests/models/mistral/wire-body.test.ts checks that),
 * without loading the SDK.
 * @module
 */
import type {
  WireAssistantMessage,
  WireChatBody,
  WireChatRequest,
  WireMessage,
  WireResponseFormat,
  WireToolCall,
} from './wire-types.js';

type WireBodyMessage = WireChatBody['messages'][number];

function toolCallBody(call: WireToolCall) {
  return { id: call.id, type: call.type, function: call.function, index: 0 };
}

// The SDK always sends `prefix` and a tool call's `index`; so do we, so the bodies stay identical.
function assistantBody(message: WireAssistantMessage): WireBodyMessage {
  return {
    role: 'assistant',
    content: message.content,
    ...(message.toolCalls ? { tool_calls: message.toolCalls.map(toolCallBody) } : {}),
    prefix: message.prefix === true,
  };
}

function messageBody(message: WireMessage): WireBodyMessage {
  switch (message.role) {
    case 'assistant':
      return assistantBody(message);
    case 'tool':
      return { role: 'tool', content: message.content, tool_call_id: message.toolCallId, name: message.name };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map((chunk) =>
                chunk.type === 'text' ? chunk : { type: 'image_url', image_url: chunk.imageUrl },
              ),
      };
    default:
      return message;
  }
}

function responseFormatBody(format: WireResponseFormat): NonNullable<WireChatBody['response_format']> {
  if (format.type !== 'json_schema') return { type: format.type };
  const { name, schemaDefinition, strict } = format.jsonSchema;
  return {
    type: format.type,
    json_schema: { name, schema: schemaDefinition, ...(strict === undefined ? {} : { strict }) },
  };
}

/** The JSON body for a compiled chat request; `stream` picks SSE or a single JSON answer. */
export function toWireBody(request: WireChatRequest, stream: boolean): WireChatBody {
  // Keys in the SDK serializer's order, so the JSON text is the same too.
  return {
    model: request.model,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    stream,
    ...(request.stop === undefined ? {} : { stop: request.stop }),
    ...(request.randomSeed === undefined ? {} : { random_seed: request.randomSeed }),
    messages: request.messages.map(messageBody),
    ...(request.responseFormat === undefined
      ? {}
      : { response_format: responseFormatBody(request.responseFormat) }),
    ...(request.tools === undefined ? {} : { tools: request.tools }),
    ...(request.toolChoice === undefined ? {} : { tool_choice: request.toolChoice }),
    ...(request.prediction === undefined ? {} : { prediction: request.prediction }),
    ...(request.parallelToolCalls === undefined ? {} : { parallel_tool_calls: request.parallelToolCalls }),
    ...(request.reasoningEffort === undefined ? {} : { reasoning_effort: request.reasoningEffort }),
    ...(request.promptCacheKey === undefined ? {} : { prompt_cache_key: request.promptCacheKey }),
  };
}
