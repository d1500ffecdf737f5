/**
 * `GET /v1/models`, normalized to {@link RemoteModelInfo}.
 * @module
 */

import type * as sdk from '@mistralai/mistralai/models/components';
import { ConnectionError } from '../../errors.js';
import { readJson, readOptions } from '../transport/index.js';
import type { CallOptions, RemoteModelInfo } from '../types.js';
import { callMistral, type MistralClient } from './client.js';
import type { Inbound, WireModelList } from './wire-types.js';

/** One model card as it arrives (base and fine-tuned cards share these fields). */
export type WireModelCard = Inbound<sdk.BaseModelCard>;

/** Normalizes one model card: capabilities, window, aliases, deprecation date and replacement. */
export function toRemoteModelInfo(card: WireModelCard & { id: string }): RemoteModelInfo {
  const capabilities = card.capabilities ?? {};
  const info: RemoteModelInfo = {
    id: card.id,
    aliases: Array.isArray(card.aliases) ? card.aliases.filter((alias) => typeof alias === 'string') : [],
    capabilities: {
      vision: capabilities.vision === true,
      functionCalling: capabilities.function_calling === true,
      fim: capabilities.completion_fim === true,
      reasoning: capabilities.reasoning === true,
    },
  };
  if (typeof card.max_context_length === 'number' && card.max_context_length > 0)
    info.contextWindow = card.max_context_length;
  const deprecation = typeof card.deprecation === 'string' ? new Date(card.deprecation) : undefined;
  if (deprecation && !Number.isNaN(deprecation.getTime())) info.deprecation = deprecation.toISOString();
  if (typeof card.deprecation_replacement_model === 'string' && card.deprecation_replacement_model !== '') {
    info.replacement = card.deprecation_replacement_model;
  }
  return info;
}

/** Lists the models the key can use, with the provider's timeout, retries and error mapping. */
export async function listMistralModels(
  client: MistralClient,
  options: CallOptions = {},
): Promise<RemoteModelInfo[]> {
  const call = { method: 'GET' as const, path: '/v1/models', signal: options.signal };
  return callMistral(client, call, async (response, http) => {
    const hint = 'Check serverURL points at a Mistral-compatible API.';
    const json = (await readJson(
      response,
      readOptions(client.transport, http),
      hint,
    )) as WireModelList | null;
    if (!Array.isArray(json?.data)) {
      throw new ConnectionError('malformed-response', `${http.what} returned no data array.`, { hint });
    }
    return (json.data as Array<WireModelCard | null>)
      .filter((card): card is WireModelCard & { id: string } => typeof card?.id === 'string')
      .map(toRemoteModelInfo);
  });
}
