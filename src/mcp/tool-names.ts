import { createHash } from 'node:crypto';

// Mistral's function-name rule (docs/mistral-wire-rules.md): letters, digits, `_` and `-`, 1 to 64 characters.
const MAX_LENGTH = 64;
const HASH_LENGTH = 8;

/**
 * The Mistral-safe name of every MCP tool of one server, keyed by the tool's real MCP name: `prefix_name`
 * with every character Mistral rejects replaced by `_`. Deterministic (the same server and tools always give
 * the same names) and collision-free: a name longer than 64 characters, or one that two real names would
 * share after replacement, ends in `_` and 8 hex digits of a SHA-256 of the prefix and the real name.
 */
export function safeToolNames(prefix: string, realNames: readonly string[]): Map<string, string> {
  const plain = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const real of new Set(realNames)) {
    const name = sanitize(`${prefix}_${real}`);
    plain.set(real, name);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const [real, name] of plain) {
    const unique = name.length <= MAX_LENGTH && counts.get(name) === 1;
    names.set(real, unique ? name : withHash(name, `${prefix}\u0000${real}`));
  }
  return names;
}

/** A server name as a name prefix: illegal characters replaced, at most 20 characters, never empty. */
export function toPrefix(serverName: string): string {
  const prefix = sanitize(serverName).slice(0, 20).replace(/_+$/, '');
  return prefix === '' ? 'mcp' : prefix;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function withHash(name: string, key: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, HASH_LENGTH);
  return `${name.slice(0, MAX_LENGTH - HASH_LENGTH - 1)}_${hash}`;
}
