/**
 * The one place where OpenAI-compatible servers differ. Every other file in this adapter speaks plain OpenAI
 * chat completions and asks this table when a field depends on the server. Sources for each entry are listed
 * in docs/providers.md ("Dialect table").
 * @module
 */

/** The server families the adapter knows. `generic` is the cautious default for anything else. */
export type OpenAICompatibleFamily = 'vllm' | 'ollama' | 'lmstudio' | 'llamacpp' | 'openai' | 'generic';

/** Every family name, for validation and docs. */
export const OPENAI_COMPATIBLE_FAMILIES: readonly OpenAICompatibleFamily[] = [
  'vllm',
  'ollama',
  'lmstudio',
  'llamacpp',
  'openai',
  'generic',
];

/** How a server family expects one request, and what its `/models` list carries. */
export interface Dialect {
  family: OpenAICompatibleFamily;
  /** The request field that caps output tokens. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Whether to send `stream_options: { include_usage: true }` on streamed calls. */
  streamUsage: boolean;
  /**
   * Which `tool_choice` values the server honours. `all`: auto, none, required and a named function;
   * `no-named`: auto, none, required (a named choice is sent as `required` with only that tool);
   * `ignored`: the field is not supported, so `none` drops the tools, a named choice sends only that tool,
   * and `required` cannot be enforced.
   */
  toolChoice: 'all' | 'no-named' | 'ignored';
  /** Whether `parallel_tool_calls` is honoured (servers that ignore it do not get it). */
  parallelToolCalls: boolean;
  /** The `/models` entry field holding the served context window, when the server reports one. */
  contextWindowField?: 'max_model_len';
  /** Whether predicted outputs (`prediction: { type: 'content' }`) are accepted. */
  prediction: boolean;
  /** How a trailing assistant message with `prefix: true` is continued, when the server can. */
  prefix: 'continue-final-message' | 'unsupported';
}

/** The dialect table, one row per family. Keep it small: a new quirk is a new column, not a branch elsewhere. */
export const DIALECTS: Readonly<Record<OpenAICompatibleFamily, Dialect>> = {
  openai: {
    family: 'openai',
    maxTokensField: 'max_completion_tokens',
    streamUsage: true,
    toolChoice: 'all',
    parallelToolCalls: true,
    prediction: true,
    prefix: 'unsupported',
  },
  vllm: {
    family: 'vllm',
    maxTokensField: 'max_tokens',
    streamUsage: true,
    toolChoice: 'all',
    parallelToolCalls: true, // vLLM honours it (vllm-project/vllm#26233)
    contextWindowField: 'max_model_len',
    prediction: false,
    prefix: 'continue-final-message',
  },
  ollama: {
    family: 'ollama',
    maxTokensField: 'max_tokens',
    streamUsage: true,
    toolChoice: 'ignored',
    parallelToolCalls: false,
    prediction: false,
    prefix: 'unsupported',
  },
  lmstudio: {
    family: 'lmstudio',
    maxTokensField: 'max_tokens',
    streamUsage: true,
    toolChoice: 'no-named',
    parallelToolCalls: false,
    prediction: false,
    prefix: 'unsupported',
  },
  llamacpp: {
    family: 'llamacpp',
    maxTokensField: 'max_tokens',
    streamUsage: true, // streamed usage only when asked (ggml-org/llama.cpp#16052)
    toolChoice: 'no-named',
    parallelToolCalls: true,
    prediction: false,
    prefix: 'unsupported',
  },
  generic: {
    family: 'generic',
    maxTokensField: 'max_tokens',
    streamUsage: false,
    toolChoice: 'all',
    parallelToolCalls: true,
    prediction: false,
    prefix: 'unsupported',
  },
};

/** The dialect of a family. */
export function dialectFor(family: OpenAICompatibleFamily): Dialect {
  return DIALECTS[family];
}
