/** Numbers a context-overflow message carried; either may be missing. */
export interface ContextOverflow {
  promptTokens?: number;
  maxContextTokens?: number;
}

function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/[,_]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

// Each pattern is one server's wording; the numbers are captured by name.
const PATTERNS: RegExp[] = [
  // vLLM: "This model's maximum context length is 6048 tokens. However, you requested 6616 tokens (568 in the
  // messages, 6048 in the completion)." and newer "... you requested 39197 tokens in the messages ...".
  /maximum context length is (?<max>[\d,]+) tokens\. However, you requested (?<requested>[\d,]+) tokens(?: \((?<prompt>[\d,]+) in the messages)?/i,
  // llama.cpp: "request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it".
  /request \((?<prompt>[\d,]+) tokens\) exceeds the available context size \((?<max>[\d,]+) tokens\)/i,
  // Mistral (also served behind OpenAI-compatible gateways): "Prompt contains 140000 tokens ... too large for
  // model with 131072 maximum context length".
  /prompt contains (?<prompt>[\d,]+) tokens.*?(?<max>[\d,]+) maximum context length/i,
];

// Wordings without numbers (LM Studio, Ollama when truncation is off, generic gateways).
const WORDING = /context (length|size|window)|too many tokens|prompt is too long|exceeds? .*context/i;

/**
 * Recognizes a context-overflow error message and parses its numbers. `fields` carries numbers some
 * servers send as JSON fields (llama.cpp's `n_prompt_tokens` and `n_ctx`). Returns undefined when the
 * message is about something else.
 */
export function parseContextOverflow(
  message: string,
  fields: { promptTokens?: number; contextTokens?: number } = {},
): ContextOverflow | undefined {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(message);
    if (!match?.groups) continue;
    const { max, prompt, requested } = match.groups;
    return {
      promptTokens: fields.promptTokens ?? toNumber(prompt) ?? toNumber(requested),
      maxContextTokens: fields.contextTokens ?? toNumber(max),
    };
  }
  if (fields.promptTokens !== undefined || fields.contextTokens !== undefined || WORDING.test(message)) {
    return { promptTokens: fields.promptTokens, maxContextTokens: fields.contextTokens };
  }
  return undefined;
}
