import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Agent } from '../agent/agent.js';
import { run } from '../agent/run.js';
import type { ToolSet } from '../tools/types.js';

/** How an agent appears as an MCP tool. */
export interface AgentToolOptions {
  /** The MCP tool name. @default the agent's name with characters MCP rejects replaced by `_` */
  toolName?: string;
  /** What the calling model reads to decide when to ask this agent. @default a sentence naming the agent */
  description?: string;
}

/**
 * Makes `server` offer `agent` as one MCP tool taking `{ message, session? }`: each call is one
 * `run(agent, message)`, aborted when the caller cancels, with MCP progress notifications for the agent's
 * tool calls when the caller asked for progress. The final text is the result (and the parsed output as
 * structured content when the agent has an output schema); a run that fails, stops without an answer or waits
 * for an approval answers `isError` with the reason.
 */
export function offerAgent(
  server: Server,
  agent: Agent<ToolSet, unknown>,
  options: AgentToolOptions,
): McpTool {
  const tool: McpTool = {
    name: options.toolName ?? (agent.name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128) || 'agent'),
    description:
      options.description ?? `Ask the "${agent.name}" agent. Send the whole request as one message.`,
    inputSchema: {
      type: 'object',
      properties: {
        message: { type: 'string', description: 'What to ask or tell the agent.' },
        session: {
          type: 'string',
          description:
            "Continue a conversation kept in the agent's memory under this id (needs a memory store).",
        },
      },
      required: ['message'],
    },
  };
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [tool] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    if (request.params.name !== tool.name)
      return failure(`Unknown tool "${request.params.name}"; call "${tool.name}".`);
    const { message, session } = (request.params.arguments ?? {}) as { message?: unknown; session?: unknown };
    if (typeof message !== 'string' || message.trim() === '')
      return failure('Send a non-empty "message" string.');
    if (session !== undefined && typeof session !== 'string') return failure('"session" must be a string.');
    const progressToken = request.params._meta?.progressToken;
    let progress = 0;
    try {
      const result = await run(agent, message, {
        signal: extra.signal,
        ...(session === undefined ? {} : { session }),
        onEvent: (event) => {
          if (progressToken === undefined || event.type !== 'tool-call-start') return;
          progress += 1;
          void extra
            .sendNotification({
              method: 'notifications/progress',
              params: { progressToken, progress, message: `Calling ${event.toolName}` },
            })
            .catch(() => {});
        },
      });
      if (result.status === 'pending-approval') {
        const names = result.pendingApprovals.map((pending) => pending.toolName).join(', ');
        return failure(`The agent needs a human approval for ${names}, which a served agent cannot ask for.`);
      }
      if (result.status === 'stopped') return { content: [{ type: 'text', text: result.text }] };
      const answer: CallToolResult = { content: [{ type: 'text', text: result.text }] };
      if (agent.output !== undefined && isRecord(result.output)) answer.structuredContent = result.output;
      return answer;
    } catch (error) {
      return failure(`The agent failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return tool;
}

function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
