import type { ToolSet } from '../tools/types.js';
import type { McpConnectionError } from './errors.js';

/** A server started as a child process and spoken to over its stdin/stdout. */
export interface McpStdioServer {
  /** The program to run, e.g. `npx` or `node`. */
  command: string;
  args?: readonly string[];
  /**
   * Variables for the server, added to the few it always gets (PATH, HOME, USER, SHELL, TERM, LOGNAME).
   * The rest of `process.env` is not passed, so pass the server's API keys here.
   */
  env?: Record<string, string>;
  cwd?: string;
  /** Where the server's stderr (its log) goes. @default 'inherit' */
  stderr?: 'inherit' | 'ignore';
}

/** A server reached over HTTP: Streamable HTTP, or the older HTTP+SSE transport. */
export interface McpHttpServer {
  /** The MCP endpoint, e.g. `https://example.com/mcp`. */
  url: string | URL;
  /** Sent with every request, e.g. `{ Authorization: 'Bearer ...' }`. Never logged or put in errors. */
  headers?: Record<string, string>;
  /**
   * `auto` tries Streamable HTTP and falls back to HTTP+SSE when the server answers 4xx (as servers written
   * for the 2024-11-05 protocol do). @default 'auto'
   */
  transport?: 'auto' | 'streamable-http' | 'sse';
  /** The fetch to use (a proxy agent, a test double). @default globalThis.fetch */
  fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>;
}

/** An MCP tool as the server lists it, with the name dragoman gives it. */
export interface McpToolInfo {
  /** The tool's real MCP name (what the server is called with). */
  name: string;
  /** The Mistral-safe name it has in the tool record. */
  safeName: string;
  description: string | undefined;
  /** The server's hints (`readOnlyHint`, `destructiveHint`, ...); hints, not guarantees. */
  annotations: Readonly<Record<string, unknown>> | undefined;
  /** The server's JSON Schema for the arguments, as sent. */
  inputSchema: Readonly<Record<string, unknown>>;
}

/** Picks tools by real MCP name, or by a predicate over the listed tool. */
export type McpToolFilter = readonly string[] | ((tool: McpToolInfo) => boolean);

/** How the tools of one server behave in an agent. */
export interface McpToolOptions {
  /**
   * The prefix of the tool names (`<name>_<tool>`), so tools of several servers never clash.
   * @default the server's own name from the handshake
   */
  name?: string;
  /** Only these tools are offered. @default all */
  include?: McpToolFilter;
  /** These tools are never offered (applied after `include`). */
  exclude?: McpToolFilter;
  /**
   * Which calls need a human's approval first: all (`true`), none (`false`), the tools named (real MCP
   * names), or per call (e.g. `(tool) => tool.annotations?.readOnlyHint !== true`). @default false
   */
  needsApproval?:
    | boolean
    | readonly string[]
    | ((tool: McpToolInfo, args: Record<string, unknown>) => boolean | Promise<boolean>);
  /** Milliseconds before a call is cancelled (an MCP cancellation is sent) and reported as timed out. @default 60000 */
  timeoutMs?: number;
  /** Milliseconds the start and handshake may take. @default 30000 */
  connectTimeoutMs?: number;
  /** Aborts connecting. */
  signal?: AbortSignal;
  /** Called with the new record after the server announced `tools/list_changed` and it was re-listed. */
  onToolsChanged?: (tools: ToolSet) => void;
}

/** What {@link connectMcp} takes: where the server is, and how its tools behave. */
export type ConnectMcpOptions = (McpStdioServer | McpHttpServer) & McpToolOptions;

/** An open connection to one MCP server. */
export interface McpConnection extends AsyncDisposable {
  /** The name prefix of its tools. */
  readonly name: string;
  /** The server's name and version from the handshake. */
  readonly serverInfo: { readonly name: string; readonly version: string };
  /** How the connection was made. */
  readonly transport: 'stdio' | 'streamable-http' | 'sse';
  /** The server's tools as a dragoman tool record; replaced (not mutated) when the server's list changes. */
  readonly tools: ToolSet;
  /** The listed tools, including their real and safe names. */
  readonly toolInfo: readonly McpToolInfo[];
  /**
   * Why the connection is gone (the server exited, stopped answering, or `close()` was called), or
   * `undefined` while it is up. Every call of its tools fails with this error from then on; check it after a
   * run to tell a dead server from a tool that failed, and connect again to recover.
   */
  readonly error: McpConnectionError | undefined;
  /** Lists the tools again and returns the new record. */
  refresh(): Promise<ToolSet>;
  /** Ends the session and stops the server process (and its process group). Safe to call twice. */
  close(): Promise<void>;
}
