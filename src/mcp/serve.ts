import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Agent } from '../agent/agent.js';
import type { ToolSet } from '../tools/types.js';
import { type AgentToolOptions, offerAgent } from './agent-tool.js';

/** Serve over stdin/stdout: for Claude Desktop, IDEs, and any client that starts the server itself. */
export interface ServeMcpStdioOptions extends AgentToolOptions {
  transport?: 'stdio';
  /** @default process.stdin */
  stdin?: Readable;
  /** @default process.stdout */
  stdout?: Writable;
}

/** Serve over Streamable HTTP (stateless: every POST is one request). */
export interface ServeMcpHttpOptions extends AgentToolOptions {
  transport: 'http';
  /** @default 0 (a free port; read it from `url`) */
  port?: number;
  /** Only loopback by default; bind another address only behind `authorize`. @default '127.0.0.1' */
  host?: string;
  /** @default '/mcp' */
  path?: string;
  /** Accepts or refuses each request (401), e.g. by checking a bearer token. @default accept all */
  authorize?: (request: IncomingMessage) => boolean | Promise<boolean>;
}

/** A running MCP server; `url` is set for HTTP. */
export interface McpServerHandle extends AsyncDisposable {
  readonly url: string | undefined;
  close(): Promise<void>;
}

/**
 * Serves a dragoman agent as an MCP server with one tool, so MCP clients (Claude Desktop, IDEs, other
 * agents) can ask it: each call is one `run()` with the agent's routing, tools and memory.
 * @example
 * // server.ts, started by the client as `node server.js`:
 * await serveMcp(agent);
 * // or over HTTP on 127.0.0.1:
 * const server = await serveMcp(agent, { transport: 'http', port: 3000 });
 */
export async function serveMcp<Tools extends ToolSet, Output>(
  agent: Agent<Tools, Output>,
  options: ServeMcpStdioOptions | ServeMcpHttpOptions = {},
): Promise<McpServerHandle> {
  const served = agent as unknown as Agent<ToolSet, unknown>;
  const create = () => {
    const server = new Server({ name: agent.name, version: '1.0.0' }, { capabilities: { tools: {} } });
    offerAgent(server, served, options);
    return server;
  };
  if (options.transport === 'http') return serveHttp(create, options);
  const server = create();
  await server.connect(new StdioServerTransport(options.stdin, options.stdout));
  const close = () => server.close();
  return { url: undefined, close, [Symbol.asyncDispose]: close };
}

async function serveHttp(create: () => Server, options: ServeMcpHttpOptions): Promise<McpServerHandle> {
  const path = options.path ?? '/mcp';
  const http = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return void response.writeHead(404).end();
    if (request.method !== 'POST') {
      // Stateless: no server-initiated stream (GET) and no session to delete (DELETE).
      return void response.writeHead(405, { allow: 'POST' }).end();
    }
    if (options.authorize && !(await options.authorize(request))) return void response.writeHead(401).end();
    const server = create();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = http.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const close = () =>
    new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  return { url: `http://${host}:${port}${path}`, close, [Symbol.asyncDispose]: close };
}
