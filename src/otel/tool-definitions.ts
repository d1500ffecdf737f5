/**
 * `gen_ai.tool.definitions`: the tools a model call offers, in the conventions' shape
 * (`[{ type: 'function', name, description, parameters }]`). Opt-in in the conventions (it can be large), so
 * dragoman/otel records it only with `captureContent`.
 * @module
 */
import type { ToolSpec } from '../models/types.js';

/**
 * The tool definitions of a request as JSON. An agent sends the same frozen tool list on every call, so the
 * JSON is built once per list and kept in `cache`.
 */
export function prepareToolDefinitions(
  tools: readonly ToolSpec[],
  cache: WeakMap<readonly ToolSpec[], string>,
): string {
  let json = cache.get(tools);
  if (json === undefined) {
    json = JSON.stringify(
      tools.map(({ name, description, parameters }) => ({ type: 'function', name, description, parameters })),
    );
    cache.set(tools, json);
  }
  return json;
}
