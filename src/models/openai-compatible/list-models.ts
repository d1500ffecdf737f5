import { ConnectionError } from '../../errors.js';
import type { CallOptions, RemoteModelInfo } from '../types.js';
import { dialectFor } from './dialects.js';
import type { ResolvedSettings } from './options.js';
import { describeCall, readJson, send } from './send.js';

const MODELS_PATH = '/models';

function configuredWindow(settings: ResolvedSettings, id: string): number | undefined {
  const { contextWindow } = settings;
  if (typeof contextWindow === 'number') return contextWindow;
  return contextWindow?.[id];
}

/** One `/models` entry, normalized. The server's own window (vLLM `max_model_len`) wins over config. */
export function toRemoteModelInfo(
  entry: Record<string, unknown>,
  settings: ResolvedSettings,
): RemoteModelInfo {
  const id = String(entry.id);
  const field = dialectFor(settings.family).contextWindowField;
  const served = field ? entry[field] : undefined;
  const contextWindow = typeof served === 'number' && served > 0 ? served : configuredWindow(settings, id);
  const info: RemoteModelInfo = { id, aliases: [], capabilities: {} };
  if (contextWindow !== undefined) info.contextWindow = contextWindow;
  // llama.cpp lists what the model can read; `image` there means vision.
  const architecture = entry.architecture as { input_modalities?: unknown } | undefined;
  if (Array.isArray(architecture?.input_modalities)) {
    info.capabilities.vision = architecture.input_modalities.includes('image');
  }
  return info;
}

/** `GET {baseURL}/models`, normalized to {@link RemoteModelInfo}; same retry, timeout and errors as chat calls. */
export async function listModels(
  settings: ResolvedSettings,
  options: CallOptions = {},
): Promise<RemoteModelInfo[]> {
  const json = await send(
    settings,
    { method: 'GET', path: MODELS_PATH, signal: options.signal },
    (response, call) => readJson(settings, response, call),
  );
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    const what = describeCall(settings, { method: 'GET', path: MODELS_PATH });
    throw new ConnectionError('malformed-response', `${what} returned no data array.`, {
      hint: 'Check that baseURL points at an OpenAI-compatible server.',
    });
  }
  return data
    .filter((entry): entry is Record<string, unknown> => typeof entry?.id === 'string')
    .map((entry) => toRemoteModelInfo(entry, settings));
}
