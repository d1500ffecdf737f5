/**
 * The OpenAI chat-completions wire shapes this adapter writes and reads. Internal: never exported from the
 * package. Response fields are typed loosely (`unknown` where servers disagree) and checked when read.
 * @module
 */

/** One content part of a wire user message. */
export type WireContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

/** One tool call as sent back in history. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One wire message. */
export type WireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | WireContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** The request body of `POST /chat/completions`. */
export interface WireRequest {
  model: string;
  messages: WireMessage[];
  tools?: Array<{ type: 'function'; function: { name: string; description: string; parameters: unknown } }>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: boolean;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  seed?: number;
  stop?: string[];
  response_format?: unknown;
  reasoning_effort?: string;
  prediction?: { type: 'content'; content: string };
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  /** vLLM: continue the trailing assistant message instead of starting a new one. */
  continue_final_message?: boolean;
  add_generation_prompt?: boolean;
}

/** A tool call in a response or a stream delta. Streams may split it by `index`. */
export interface WireToolCallDelta {
  index?: number;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: unknown };
}

/** A usage object as servers send it. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** The message (or the delta) of one choice. */
export interface WireMessageOut {
  role?: string;
  content?: unknown;
  tool_calls?: WireToolCallDelta[] | null;
  /** Reasoning text: vLLM and llama.cpp use `reasoning_content`, LM Studio and Ollama `reasoning`. */
  reasoning_content?: unknown;
  reasoning?: unknown;
}

/** A chat completion, or one chunk of a streamed one. */
export interface WireCompletion {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    message?: WireMessageOut;
    delta?: WireMessageOut;
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
}
