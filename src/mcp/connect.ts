import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Tool as McpTool,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { abortErrorFrom } from '../errors.js';
import { toolContent } from '../tools/tool-content.js';
import type { ToolSet } from '../tools/types.js';
import { checkConnectOptions, describeServer } from './check-options.js';
import { describeExit, McpConnectionError } from './errors.js';
import { type LivenessCheck, watchLiveness } from './liveness.js';
import { isStdio, openClient } from './open-client.js';
import { partsText, resultParts } from './result-content.js';
import { type ProcessExit, ProcessGroupTransport } from './stdio-transport.js';
import { toPrefix } from './tool-names.js';
import { type CallMcpTool, type McpToolRecord, toToolRecord } from './tool-record.js';
import type { ConnectMcpOptions, McpConnection } from './types.js';

/**
 * Connects to an MCP server, over stdio (`{ command, args, env }`: the server is started as a child process
 * in its own process group) or HTTP (`{ url, headers }`: Streamable HTTP, falling back to HTTP+SSE), and
 * lists its tools as a dragoman tool record with Mistral-safe names. Close it when done.
 * @example
 * const files = await connectMcp({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'] });
 * const agent = defineAgent({ name: 'helper', model, tools: { ...files.tools, add } });
 * try { await run(agent, 'List the files.'); } finally { await files.close(); }
 */
export async function connectMcp(options: ConnectMcpOptions): Promise<McpConnection> {
  const { connectTimeoutMs } = checkConnectOptions(options);
  const where = describeServer(options);
  let opened: Awaited<ReturnType<typeof openClient>>;
  try {
    opened = await openClient(options, connectTimeoutMs);
  } catch (error) {
    if (options.signal?.aborted) throw abortErrorFrom(options.signal, `Connecting to ${where}`);
    const detail = error instanceof Error ? error.message : String(error);
    throw new McpConnectionError(where, 'connect', `Could not connect to ${where}: ${detail}.`, {
      cause: error,
      hint: isStdio(options)
        ? 'Check that the command starts an MCP server on stdio (run it by hand to see its log).'
        : 'Check the URL, the headers (auth) and that the server speaks MCP over HTTP.',
    });
  }
  const { client, transport, kind } = opened;
  const serverInfo = client.getServerVersion() ?? { name: 'mcp', version: '' };
  const name = toPrefix(options.name ?? serverInfo.name);
  let record: McpToolRecord = { tools: {}, info: [] };
  let closedError: ClosedError | undefined;
  let closing = false;
  client.onclose = () => {
    if (closing) return;
    const exit = transport instanceof ProcessGroupTransport ? transport.exit : undefined;
    closedError ??= closedErrorOf(name, describeExit(exit), exit);
  };
  // A stdio server's exit closes the client by itself; an HTTP server that dies only shows as transport
  // errors, so those are checked with a ping, and a server that does not answer is closed for good.
  const liveness =
    transport instanceof ProcessGroupTransport
      ? undefined
      : watchLiveness(client, (detail, cause) => {
          if (closing || closedError) return;
          closedError = closedErrorOf(name, `stopped answering (${detail})`, undefined, cause);
          void client.close().catch(() => {});
        });
  const call = toolCaller(client, name, options.timeoutMs ?? 60_000, () => closedError, liveness);
  const refresh = async (): Promise<ToolSet> => {
    if (closedError) throw closedError;
    record = toToolRecord(name, await listAllTools(client), options, call);
    return record.tools;
  };
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    const tools = await refresh().catch(() => undefined);
    if (tools) options.onToolsChanged?.(tools);
  });
  try {
    await refresh();
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  const close = async () => {
    if (closing) return;
    closing = true;
    closedError ??= closedErrorOf(name, 'was closed with close()', undefined);
    // Streamable HTTP sessions end with a DELETE, so the server can free them at once.
    if (transport instanceof StreamableHTTPClientTransport)
      await transport.terminateSession().catch(() => {});
    await client.close().catch(() => {});
  };
  return {
    name,
    serverInfo: { name: serverInfo.name, version: serverInfo.version },
    transport: kind,
    get tools() {
      return record.tools;
    },
    get toolInfo() {
      return record.info;
    },
    get error() {
      return closedError;
    },
    refresh,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The error for calls on a connection that is gone; `what` says how it went ("was killed by SIGKILL"). */
function closedErrorOf(server: string, what: string, exit: ProcessExit | undefined, cause?: unknown) {
  const error = new McpConnectionError(server, 'closed', `MCP server "${server}" ${what}.`, {
    exit,
    cause,
    hint: 'Its tools fail until you connect again with connectMcp().',
  });
  return Object.assign(error, { what });
}

type ClosedError = ReturnType<typeof closedErrorOf>;

async function listAllTools(client: Client): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

function toolCaller(
  client: Client,
  server: string,
  timeoutMs: number,
  closed: () => ClosedError | undefined,
  liveness: LivenessCheck | undefined,
): CallMcpTool {
  return async (toolName, args, context) => {
    const before = closed();
    if (before) throw before;
    try {
      // The run's signal aborts on run abort and on the tool's timeout; the SDK turns that into an MCP
      // `notifications/cancelled` for this request. Its own timeout, a second later, is a backstop for
      // calls made outside a run.
      const answer = await client.callTool({ name: toolName, arguments: args }, undefined, {
        signal: context.signal,
        timeout: timeoutMs + 1_000,
        // MCP progress notifications become the tool's progress events.
        onprogress: ({ progress, total, message }) =>
          context.reportProgress({
            message: message ?? `${progress}${total ? ` of ${total}` : ''}`,
            ...(total ? { fraction: Math.min(1, Math.max(0, progress / total)) } : {}),
          }),
      });
      // Servers of the 2024-10-07 protocol answer { toolResult } instead of { content }.
      const result: CallToolResult =
        'content' in answer
          ? (answer as CallToolResult)
          : { content: [], structuredContent: { result: answer.toolResult } };
      const parts = resultParts(result);
      const text = partsText(parts);
      if (result.isError)
        throw new Error(text || `the "${toolName}" tool of MCP server "${server}" reported an error`);
      // Images go to the model as image parts; a text-only result stays a plain string.
      return parts.some((part) => part.type === 'image') ? toolContent(parts) : text;
    } catch (error) {
      // A failed POST (refused, reset) is no MCP answer: whether the server is gone decides the error.
      if (liveness && !closed() && !(error instanceof McpError) && !context.signal.aborted)
        await liveness.check();
      const after = closed();
      if (after)
        throw closedErrorOf(server, `${after.what} during the call of "${toolName}"`, after.exit, error);
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
        throw new McpConnectionError(
          server,
          'timeout',
          `MCP server "${server}" did not answer "${toolName}" in time.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  };
}
