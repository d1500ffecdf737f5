import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ProcessGroupTransport } from './stdio-transport.js';
import type { ConnectMcpOptions, McpConnection, McpHttpServer, McpStdioServer } from './types.js';

/** A client that finished the MCP handshake, and the transport it runs on. */
export interface OpenClient {
  client: Client;
  transport: Transport;
  kind: McpConnection['transport'];
}

const CLIENT_INFO = { name: 'dragoman', version: '0.1.0' };

/**
 * Starts the transport the options describe and runs the MCP handshake on it. Over HTTP with
 * `transport: 'auto'`, a failed Streamable HTTP handshake is retried once over HTTP+SSE; when both fail, the
 * Streamable HTTP error is thrown (the SSE one is its `cause`).
 */
export async function openClient(options: ConnectMcpOptions, timeoutMs: number): Promise<OpenClient> {
  const request = { timeout: timeoutMs, signal: options.signal };
  if (isStdio(options)) {
    const transport = new ProcessGroupTransport({
      command: options.command,
      args: options.args ?? [],
      env: options.env,
      cwd: options.cwd,
      stderr: options.stderr ?? 'inherit',
    });
    const client = new Client(CLIENT_INFO);
    await client.connect(transport, request);
    return { client, transport, kind: 'stdio' };
  }
  const mode = options.transport ?? 'auto';
  if (mode === 'sse') return handshake(options, 'sse', request);
  try {
    return await handshake(options, 'streamable-http', request);
  } catch (error) {
    if (mode !== 'auto' || options.signal?.aborted) throw error;
    try {
      return await handshake(options, 'sse', request);
    } catch (fallback) {
      if (error instanceof Error && error.cause === undefined) Object.assign(error, { cause: fallback });
      throw error;
    }
  }
}

async function handshake(
  options: McpHttpServer,
  kind: 'streamable-http' | 'sse',
  request: { timeout: number; signal: AbortSignal | undefined },
): Promise<OpenClient> {
  const url = new URL(options.url);
  const init = {
    requestInit: { headers: { ...options.headers } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const transport =
    kind === 'sse' ? new SSEClientTransport(url, init) : new StreamableHTTPClientTransport(url, init);
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport, request);
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return { client, transport, kind };
}

/** True for the stdio form of the options. */
export function isStdio(options: ConnectMcpOptions): options is McpStdioServer & ConnectMcpOptions {
  return typeof (options as McpStdioServer).command === 'string';
}
