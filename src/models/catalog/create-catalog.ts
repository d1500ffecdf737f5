import { UserInputError } from '../../errors.js';
import type { ModelSubstitution } from '../../routing/types.js';
import type { CallOptions, ModelLister } from '../types.js';
import { indexModels } from './lookup-model.js';
import { mergeRemoteModel, toIsoDay, UNKNOWN_CAPABILITIES } from './merge-remote.js';
import { createSharedOnce } from './shared-refresh.js';
import { DEFAULT_CONTEXT_WINDOW, STATIC_MODELS } from './static-models.js';
import type { ModelInfo } from './types.js';

/** Options for {@link createCatalog}. */
export interface CatalogOptions {
  /** Where `refresh()` lists models (`GET /v1/models`): the Mistral or OpenAI-compatible provider. */
  lister?: ModelLister;
  /** Throw instead of substituting when a retired model is resolved. @default false */
  strict?: boolean;
  /** Extra or corrected entries, e.g. a self-hosted model's window. They win over the static table. */
  models?: readonly ModelInfo[];
  /** Clock for deciding whether an announced deprecation date has passed. @default () => new Date() */
  now?: () => Date;
}

/** A resolved model id: what is known about the model to call, and the substitution if one happened. */
export interface ResolvedModel {
  info: ModelInfo;
  substitution?: ModelSubstitution;
}

/** What one `refresh()` learned from the provider. */
export interface CatalogRefreshReport {
  /** Number of models the provider listed. */
  listed: number;
  /** Ids listed that the static table did not know. */
  added: string[];
}

/** A deprecation announced by a model response (`x-model-deprecation-timestamp`), reported once per model. */
export interface ModelDeprecationWarning {
  model: string;
  /** ISO `YYYY-MM-DD` the model will be retired. */
  deprecation: string;
  replacement?: string;
  message: string;
}

/** Model facts for one agent or app: static table, config overrides, and what the provider lists. */
export interface ModelCatalog {
  /** What is known about an id or alias, without following retirements. */
  get(id: string): ModelInfo | undefined;
  /** The model to call for an id: follows retired models to their replacement (or throws in strict mode). */
  resolve(id: string): ResolvedModel;
  /** Lists the provider's models once for this catalog's lifetime and merges them in. Shared by callers. */
  refresh(options?: CallOptions): Promise<CatalogRefreshReport>;
  /** True once a refresh has succeeded. */
  readonly refreshed: boolean;
  /** Records a deprecation date seen on a response; returns a warning the first time per model. */
  noteDeprecation(modelId: string, date: string): ModelDeprecationWarning | undefined;
}

const MAX_REPLACEMENT_HOPS = 8;

/**
 * Creates a model catalog. Without a `lister` it answers from the static table (and `models`); with one,
 * `refresh()` merges the provider's `GET /v1/models` (capabilities, windows, aliases, deprecations).
 * @example
 * const catalog = createCatalog({ lister: createMistral() });
 * await catalog.refresh();
 * catalog.resolve('mistral-saba-latest').substitution?.resolved; // 'mistral-small-2603'
 */
export function createCatalog(options: CatalogOptions = {}): ModelCatalog {
  const now = options.now ?? (() => new Date());
  const configured = options.models ?? [];
  let remote: ModelInfo[] = [];
  const noted = new Map<string, ModelInfo>();
  let index = indexModels([...STATIC_MODELS, ...configured]);
  const warned = new Set<string>();

  const rebuild = () => {
    index = indexModels([...STATIC_MODELS, ...remote, ...configured, ...noted.values()]);
  };

  const refreshOnce = createSharedOnce(async (signal): Promise<CatalogRefreshReport> => {
    if (!options.lister) return { listed: 0, added: [] };
    const listed = await options.lister.listModels({ signal });
    const time = now();
    const added: string[] = [];
    remote = listed.map((entry) => {
      const own = index.get(entry.id);
      if (!own) added.push(entry.id);
      const base = own ?? entry.aliases.map((alias) => index.get(alias)).find(Boolean);
      return mergeRemoteModel(entry, base, time);
    });
    rebuild();
    return { listed: listed.length, added };
  });
  let refreshed = false;

  const resolve = (id: string): ResolvedModel => {
    const requested = index.get(id) ?? unknownModel(id);
    let info = requested;
    for (let hop = 0; info.status === 'retired' && info.replacement && hop < MAX_REPLACEMENT_HOPS; hop++) {
      info = index.get(info.replacement) ?? unknownModel(info.replacement);
    }
    if (info === requested) return { info };
    const when = requested.retiredOn ? ` on ${requested.retiredOn}` : '';
    if (options.strict) {
      throw new UserInputError('invalid-config', `Model "${id}" was retired${when}.`, {
        hint: `Use "${info.id}" instead, or turn off strict mode to substitute it automatically.`,
      });
    }
    const substitution: ModelSubstitution = {
      requested: id,
      resolved: info.id,
      reason: `"${id}" was retired${when}; using its replacement "${info.id}".`,
    };
    if (requested.retiredOn) substitution.retiredOn = requested.retiredOn;
    return { info, substitution };
  };

  return {
    get: (id) => index.get(id),
    resolve,
    async refresh(callOptions = {}) {
      const report = await refreshOnce(callOptions.signal);
      refreshed = true;
      return report;
    },
    get refreshed() {
      return refreshed;
    },
    noteDeprecation(modelId, date) {
      const known = index.get(modelId) ?? unknownModel(modelId);
      if (warned.has(known.id)) return undefined;
      warned.add(known.id);
      const day = toIsoDay(date);
      noted.set(known.id, { ...known, status: 'deprecated', retiredOn: day });
      rebuild();
      const warning: ModelDeprecationWarning = {
        model: modelId,
        deprecation: day,
        message: `Model "${modelId}" is deprecated and will be retired on ${day}.`,
      };
      if (known.replacement) {
        warning.replacement = known.replacement;
        warning.message += ` Switch to "${known.replacement}".`;
      }
      return warning;
    },
  };
}

function unknownModel(id: string): ModelInfo {
  return {
    id,
    aliases: [],
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    capabilities: { ...UNKNOWN_CAPABILITIES },
    status: 'active',
    source: 'unknown',
  };
}
