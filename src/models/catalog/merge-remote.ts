import type { ModelCapabilities, RemoteModelInfo } from '../types.js';
import { DEFAULT_CONTEXT_WINDOW } from './static-models.js';
import type { ModelInfo, ModelStatus } from './types.js';

/**
 * Capabilities assumed for a model no source describes. Function calling is assumed because nearly every
 * chat model served today has it; vision, FIM and reasoning are not. The router does not skip a route for
 * a capability of an `unknown` model (see docs/routing.md).
 */
export const UNKNOWN_CAPABILITIES: ModelCapabilities = {
  vision: false,
  functionCalling: true,
  fim: false,
  reasoning: false,
};

/** The status an announced deprecation date implies at `now`: retired once the date has passed. */
export function statusFromDeprecation(date: string | undefined, now: Date): ModelStatus {
  if (date === undefined) return 'active';
  const time = Date.parse(date);
  if (Number.isNaN(time)) return 'deprecated';
  return time <= now.getTime() ? 'retired' : 'deprecated';
}

/** `YYYY-MM-DD` part of an ISO date or timestamp, or the input when it does not parse. */
export function toIsoDay(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : new Date(time).toISOString().slice(0, 10);
}

/**
 * Merges one `GET /v1/models` entry over what is known about it (`base`, from the static table or
 * `undefined`). The provider wins on every field it sent. A model the server lists without a deprecation is
 * active *there*, even if the static table says it is retired on La Plateforme: that is the self-hosted
 * Small 3.1 case.
 */
export function mergeRemoteModel(remote: RemoteModelInfo, base: ModelInfo | undefined, now: Date): ModelInfo {
  const status = statusFromDeprecation(remote.deprecation, now);
  // Aliases carry over only from the same id: a base found through an alias (`mistral-small-latest` now
  // naming a newer model) lends its capabilities, never its identity.
  const aliases = new Set(base?.id === remote.id ? base.aliases : []);
  for (const alias of remote.aliases) aliases.add(alias);
  aliases.delete(remote.id);
  const capabilities: ModelCapabilities = { ...(base?.capabilities ?? UNKNOWN_CAPABILITIES) };
  for (const key of Object.keys(capabilities) as Array<keyof ModelCapabilities>) {
    const value = remote.capabilities[key];
    if (typeof value === 'boolean') capabilities[key] = value;
  }
  const merged: ModelInfo = {
    id: remote.id,
    aliases: [...aliases],
    contextWindow: remote.contextWindow ?? base?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    capabilities,
    status,
    source: 'remote',
  };
  if (remote.deprecation !== undefined) merged.retiredOn = toIsoDay(remote.deprecation);
  const replacement = remote.replacement ?? (status === 'active' ? undefined : base?.replacement);
  if (replacement !== undefined) merged.replacement = replacement;
  if (base?.tokenizer !== undefined) merged.tokenizer = base.tokenizer;
  return merged;
}
