/**
 * `dragoman/mcp`: Model Context Protocol servers' tools in a dragoman agent, with names, schemas and results
 * made safe for Mistral, and a dragoman agent served as an MCP server. Needs the optional peer dependency
 * `@modelcontextprotocol/sdk`; `import 'dragoman'` never loads it.
 * @module
 */

export type { AgentToolOptions } from './agent-tool.js';
export { connectMcp } from './connect.js';
export type { McpFailure } from './errors.js';
export { McpConnectionError } from './errors.js';
export { normalizeSchema } from './normalize-schema.js';
export type { McpServerHandle, ServeMcpHttpOptions, ServeMcpStdioOptions } from './serve.js';
export { serveMcp } from './serve.js';
export type { ProcessExit } from './stdio-transport.js';
export { safeToolNames } from './tool-names.js';
export type {
  ConnectMcpOptions,
  McpConnection,
  McpHttpServer,
  McpStdioServer,
  McpToolFilter,
  McpToolInfo,
  McpToolOptions,
} from './types.js';
