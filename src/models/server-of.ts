import type { ModelServer } from './types.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/**
 * The {@link ModelServer} of a base URL: its host and port only. Credentials, path and query string (where a
 * key might hide) are left out by construction. `undefined` for a URL that does not parse.
 * @example serverOf('https://api.mistral.ai') // { address: 'api.mistral.ai', port: 443 }
 */
export function serverOf(baseURL: string): ModelServer | undefined {
  if (!URL.canParse(baseURL)) return undefined;
  const url = new URL(baseURL);
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  if (url.hostname === '' || port === undefined) return undefined;
  return Object.freeze({ address: url.hostname.replace(/^\[(.*)\]$/u, '$1'), port });
}
