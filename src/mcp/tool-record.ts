import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { jsonSchema } from '../tools/json-schema-parameters.js';
import type { ToolContent } from '../tools/tool-content.js';
import type { Tool, ToolContext, ToolSet } from '../tools/types.js';
import { argumentValidator } from './argument-validator.js';
import { normalizeSchema } from './normalize-schema.js';
import { safeToolNames } from './tool-names.js';
import type { McpToolFilter, McpToolInfo, McpToolOptions } from './types.js';

/** Calls one tool on the server by its real name and returns the text (or text and images) for the model. */
export type CallMcpTool = (
  name: string,
  args: Record<string, unknown>,
  context: ToolContext,
) => Promise<string | ToolContent>;

/** A server's tool list as a dragoman tool record (Mistral-safe keys) and the info behind each entry. */
export interface McpToolRecord {
  tools: ToolSet;
  info: McpToolInfo[];
}

/**
 * Turns a server's listed tools into a tool record: filtered by `include`/`exclude`, keyed by their
 * Mistral-safe names, with a normalized JSON Schema for the model, arguments validated against the server's
 * original schema, and `needsApproval` and `timeoutMs` from the options. `call` runs each call.
 */
export function toToolRecord(
  prefix: string,
  listed: readonly McpTool[],
  options: McpToolOptions,
  call: CallMcpTool,
): McpToolRecord {
  const names = safeToolNames(
    prefix,
    listed.map((tool) => tool.name),
  );
  const infos = listed.map(
    (tool): McpToolInfo => ({
      name: tool.name,
      safeName: names.get(tool.name)!,
      description: tool.description,
      annotations: tool.annotations,
      inputSchema: tool.inputSchema,
    }),
  );
  const offered = infos.filter(
    (info) =>
      (options.include === undefined || picks(options.include, info)) &&
      !(options.exclude !== undefined && picks(options.exclude, info)),
  );
  const tools: ToolSet = {};
  for (const info of offered) tools[info.safeName] = toTool(prefix, info, options, call);
  return { tools: Object.freeze(tools), info: offered };
}

function toTool(prefix: string, info: McpToolInfo, options: McpToolOptions, call: CallMcpTool): Tool {
  const approval = options.needsApproval;
  const tool: Tool<Record<string, unknown>> = {
    description: info.description?.trim() || `The "${info.name}" tool of the ${prefix} MCP server.`,
    parameters: jsonSchema(normalizeSchema(info.inputSchema), {
      validate: argumentValidator(info.inputSchema),
    }),
    execute: (args, context) => call(info.name, args, context),
    timeoutMs: options.timeoutMs ?? 60_000,
    needsApproval:
      typeof approval === 'function'
        ? (args: Record<string, unknown>) => approval(info, args)
        : Array.isArray(approval)
          ? approval.includes(info.name)
          : approval === true,
  };
  return tool as Tool;
}

function picks(filter: McpToolFilter, info: McpToolInfo): boolean {
  return Array.isArray(filter)
    ? filter.includes(info.name)
    : (filter as (tool: McpToolInfo) => boolean)(info);
}
