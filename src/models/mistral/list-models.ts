/**
 * `GET /v1/models`, normalized to {@link RemoteModelInfo}.
 * @module
 */
import type { CallOptions, RemoteModelInfo } from '../types.js';
import { type CallContext, runCall } from './call-context.js';
import type { SdkModelCard } from './sdk-client.js';

/** Normalizes one model card: capabilities, window, aliases, deprecation date and replacement. */
export function toRemoteModelInfo(card: SdkModelCard): RemoteModelInfo {
  const capabilities = card.capabilities ?? {};
  const info: RemoteModelInfo = {
    id: card.id,
    aliases: Array.isArray(card.aliases) ? [...card.aliases] : [],
    capabilities: {
      vision: capabilities.vision === true,
      functionCalling: capabilities.functionCalling === true,
      fim: capabilities.completionFim === true,
      reasoning: capabilities.reasoning === true,
    },
  };
  if (typeof card.maxContextLength === 'number' && card.maxContextLength > 0)
    info.contextWindow = card.maxContextLength;
  if (card.deprecation instanceof Date && !Number.isNaN(card.deprecation.getTime())) {
    info.deprecation = card.deprecation.toISOString();
  }
  if (typeof card.deprecationReplacementModel === 'string' && card.deprecationReplacementModel !== '') {
    info.replacement = card.deprecationReplacementModel;
  }
  return info;
}

/** Lists the models the key can use, with the provider's timeout, retries and error mapping. */
export async function listMistralModels(
  context: CallContext,
  options: CallOptions = {},
): Promise<RemoteModelInfo[]> {
  const cards = await runCall(
    context,
    { operation: 'GET /v1/models', signal: options.signal },
    (sdk, signal) => sdk.modelsList({ signal }),
  );
  return cards.map(toRemoteModelInfo);
}
