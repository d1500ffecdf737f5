/**
 * Two-way mapping between tool names as dragoman knows them (`web.search` from an MCP server, names replayed
 * from another provider) and the names Mistral accepts: `^[a-zA-Z0-9_-]{1,64}$` in `tools`, in replayed
 * `tool_calls` and on tool messages (rules R13 and R15 in docs/mistral-wire-rules.md; one bad name poisons every
 * later request of the conversation).
 * @module
 */
import { hashToolCallId } from './tool-call-ids.js';

const WIRE_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** True when Mistral accepts `name` as a function name as it is. */
export function isMistralToolName(name: string): boolean {
  return WIRE_NAME.test(name);
}

/** The name map of one compiled request. */
export interface ToolNameMap {
  /** The wire name for a real name; the same real name always maps to the same wire name. */
  toWire(name: string): string;
  /** The real name a wire name stands for; names this map never issued come back unchanged. */
  toReal(wireName: string): string;
  /** True when at least one name had to be changed (so answers need mapping back). */
  readonly renamed: boolean;
}

/** The sanitised form of a name: every other character becomes `_`, cut to fit a suffix. */
function sanitise(name: string, room: number): string {
  const base = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, room);
  return base === '' ? 'tool' : base;
}

/**
 * Creates a name map. Valid names are kept as they are and claimed first, so a tool already named `web_search`
 * keeps its name. Other names are sanitised; when the result is taken (or cut), a 9-character hash of the real
 * name is appended, so the mapping of one name never depends on which other names are present (the prompt
 * prefix stays stable for Mistral's cache) and two real names never share a wire name.
 * @param reserved the tools' names, claimed before any other name
 */
export function createToolNameMap(reserved: readonly string[] = []): ToolNameMap {
  const toWireMap = new Map<string, string>();
  const toRealMap = new Map<string, string>();
  let renamed = false;
  const claim = (real: string, wire: string) => {
    toWireMap.set(real, wire);
    toRealMap.set(wire, real);
    return wire;
  };
  for (const name of reserved) if (isMistralToolName(name)) claim(name, name);
  const assign = (real: string): string => {
    if (isMistralToolName(real) && !toRealMap.has(real)) return claim(real, real);
    renamed = true;
    let wire = sanitise(real, 64);
    if (toRealMap.has(wire) || wire.length < real.length)
      wire = `${sanitise(real, 54)}_${hashToolCallId(real)}`;
    for (let salt = 1; toRealMap.has(wire); salt++) {
      wire = `${sanitise(real, 54)}_${hashToolCallId(`${real}\u0000${salt}`)}`;
    }
    return claim(real, wire);
  };
  for (const name of reserved) if (!toWireMap.has(name)) assign(name);
  return {
    toWire: (name) => toWireMap.get(name) ?? assign(name),
    toReal: (wireName) => toRealMap.get(wireName) ?? wireName,
    get renamed() {
      return renamed;
    },
  };
}
