/**
 * Fill-in-the-middle completions (`POST /v1/fim/completions`) for Codestral: code between a prompt and
 * a suffix.
 * @module
 */
import { UserInputError } from '../../errors.js';
import { readJson, readOptions } from '../transport/index.js';
import type { CallOptions, FinishReason, ResponseMeta, Usage } from '../types.js';
import { callMistral, type MistralClient } from './client.js';
import { checkCompletion, toContentParts, toFinishReason, toMeta, toUsage } from './parse-response.js';
import type { WireFimBody } from './wire-types.js';

/** The default FIM model. */
export const DEFAULT_FIM_MODEL = 'codestral-latest';

/** One FIM request. */
export interface FimRequest {
  /** @default 'codestral-latest' */
  model?: string;
  /** The code before the gap. */
  prompt: string;
  /** The code after the gap. */
  suffix?: string;
  stop?: string[];
  maxTokens?: number;
  minTokens?: number;
}

/** The code that fills the gap. */
export interface FimResponse {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  meta: ResponseMeta;
}

function check(ok: boolean, key: string, value: unknown, expected: string): void {
  if (!ok) {
    throw new UserInputError('invalid-input', `fim request.${key} is ${JSON.stringify(value)}.`, {
      path: `request.${key}`,
      hint: `Use ${expected}.`,
    });
  }
}

/** Validates a {@link FimRequest} and compiles it to the wire body; unset fields are not sent. */
export function compileFimRequest(request: FimRequest): WireFimBody {
  check(typeof request?.prompt === 'string', 'prompt', request?.prompt, 'a string');
  const { model = DEFAULT_FIM_MODEL, suffix, stop, maxTokens, minTokens } = request;
  check(typeof model === 'string' && model !== '', 'model', model, "a model id such as 'codestral-latest'");
  const out: WireFimBody = { model, stream: false, prompt: request.prompt };
  if (suffix !== undefined) {
    check(typeof suffix === 'string', 'suffix', suffix, 'a string');
    if (suffix !== '') out.suffix = suffix;
  }
  if (stop !== undefined) {
    check(
      Array.isArray(stop) && stop.every((item) => typeof item === 'string'),
      'stop',
      stop,
      'an array of strings',
    );
    if (stop.length > 0) out.stop = [...stop];
  }
  if (maxTokens !== undefined) {
    check(Number.isInteger(maxTokens) && maxTokens > 0, 'maxTokens', maxTokens, 'a whole number > 0');
    out.max_tokens = maxTokens;
  }
  if (minTokens !== undefined) {
    const ok =
      Number.isInteger(minTokens) && minTokens >= 0 && (maxTokens === undefined || minTokens <= maxTokens);
    check(ok, 'minTokens', minTokens, 'a whole number >= 0 and <= maxTokens');
    out.min_tokens = minTokens;
  }
  return out;
}

/** Runs one FIM completion with the provider's timeout, retries and error mapping. */
export async function runFim(
  client: MistralClient,
  request: FimRequest,
  options: CallOptions = {},
): Promise<FimResponse> {
  const body = compileFimRequest(request);
  const call = {
    method: 'POST' as const,
    path: '/v1/fim/completions',
    body,
    model: body.model,
    signal: options.signal,
  };
  return callMistral(client, call, async (response, http) => {
    const json = await readJson(
      response,
      readOptions(client.transport, http),
      'Check serverURL points at a Mistral-compatible API.',
    );
    const completion = checkCompletion(json, http.what);
    const choice = completion.choices[0];
    const text = toContentParts(choice?.message?.content)
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join('');
    return {
      text,
      finishReason: toFinishReason(choice?.finish_reason),
      usage: toUsage(completion.usage),
      meta: toMeta(completion.model, completion.id, response.headers),
    };
  });
}
