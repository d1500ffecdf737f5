import type { MockRequestBody } from './types.js';

/** Tokens counted for one image: Mistral charges about W x H / 784, capped near 3,025; sizes are unknown here. */
const imageTokens = 1_024;
/** Tokens of the per-message control tokens ([INST], [/INST], role markers). */
const messageOverhead = 4;

function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function contentTokens(content: unknown): number {
  if (typeof content === 'string') return textTokens(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const chunk of content) {
    if (typeof chunk !== 'object' || chunk === null) continue;
    const part = chunk as { type?: string; text?: unknown; thinking?: unknown };
    if (part.type === 'image_url') total += imageTokens;
    else if (typeof part.text === 'string') total += textTokens(part.text);
    else if (Array.isArray(part.thinking)) total += contentTokens(part.thinking);
  }
  return total;
}

/**
 * A deterministic prompt-size estimate (characters / 4, a fixed cost per message and per image), used by the
 * mock server's context-overflow rule. Replace it with `countTokens` when a test needs exact numbers.
 */
export function estimatePromptTokens(body: MockRequestBody): number {
  let total = 0;
  for (const message of body.messages ?? []) {
    total += messageOverhead + contentTokens(message.content);
    for (const call of message.tool_calls ?? []) {
      const argumentsText =
        typeof call.function?.arguments === 'string'
          ? call.function.arguments
          : JSON.stringify(call.function?.arguments ?? {});
      total += textTokens(`${call.function?.name ?? ''}${argumentsText}`);
    }
  }
  if (typeof body.prompt === 'string') total += textTokens(body.prompt);
  if (typeof body.suffix === 'string') total += textTokens(body.suffix);
  if (Array.isArray(body.tools)) total += textTokens(JSON.stringify(body.tools));
  return total;
}

/** Estimates the tokens of a generated text, for the usage numbers of scripted replies. */
export function estimateTextTokens(text: string): number {
  return text.length === 0 ? 0 : textTokens(text);
}
