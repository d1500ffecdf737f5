/**
 * Two-way mapping between foreign tool-call ids (`call_...`, UUIDs, ids from other providers) and the
 * 9-character `[A-Za-z0-9]` ids Mistral accepts (400 code 3280 otherwise).
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WIRE_ID = /^[A-Za-z0-9]{9}$/;

/** True when `id` is already a valid Mistral tool-call id (exactly 9 of `[A-Za-z0-9]`). */
export function isMistralToolCallId(id: string): boolean {
  return WIRE_ID.test(id);
}

/** 64-bit FNV-1a over the UTF-16 code units of `text`. Deterministic and dependency-free. */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/** A 9-character base-62 id derived from `text`; the same text always gives the same id. */
export function hashToolCallId(text: string): string {
  let value = fnv1a64(text);
  let id = '';
  for (let index = 0; index < 9; index++) {
    id += ALPHABET[Number(value % 62n)];
    value /= 62n;
  }
  return id;
}

/** A fresh random valid id, for calls the server sent without one (the SDK reports those as `"null"`). */
export function randomToolCallId(random: () => number = Math.random): string {
  let id = '';
  for (let index = 0; index < 9; index++) id += ALPHABET[Math.floor(random() * 62)];
  return id;
}

/** The id map of one compiled history. */
export interface ToolCallIdMap {
  /** The wire id for a foreign id; assigns one on first sight. The same foreign id always maps the same. */
  toWire(foreignId: string): string;
  /** The foreign id a wire id stands for, or `undefined` for ids this map never issued. */
  toForeign(wireId: string): string | undefined;
  /** Every pair issued so far, `[foreignId, wireId]`, in order of first sight. */
  entries(): Array<[string, string]>;
}

/**
 * Creates an id map. Valid ids are kept as they are (so Mistral's own ids round-trip unchanged); others get
 * a hash of the foreign id, so the mapping is stable across turns and keeps the prompt prefix cacheable.
 * A collision (two foreign ids, one wire id) is resolved by rehashing with a counter, in order of first
 * sight, so it can never merge two calls.
 */
export function createToolCallIdMap(): ToolCallIdMap {
  // Created on first use: most compiled histories hold no tool calls.
  let toWireMap: Map<string, string> | undefined;
  let toForeignMap: Map<string, string> | undefined;
  const assign = (foreignId: string, wire: Map<string, string>, foreign: Map<string, string>): string => {
    let candidate = isMistralToolCallId(foreignId) ? foreignId : hashToolCallId(foreignId);
    for (let salt = 1; foreign.has(candidate); salt++) {
      candidate = hashToolCallId(`${foreignId}\u0000${salt}`);
    }
    wire.set(foreignId, candidate);
    foreign.set(candidate, foreignId);
    return candidate;
  };
  return {
    toWire: (foreignId) => {
      toWireMap ??= new Map();
      toForeignMap ??= new Map();
      return toWireMap.get(foreignId) ?? assign(foreignId, toWireMap, toForeignMap);
    },
    toForeign: (wireId) => toForeignMap?.get(wireId),
    entries: () => (toWireMap ? [...toWireMap.entries()] : []),
  };
}
