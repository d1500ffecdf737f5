import { DragomanError, type DragomanErrorOptions } from '../errors.js';
import type { ProcessExit } from './stdio-transport.js';

/** Why an MCP connection failed. */
export type McpFailure = 'connect' | 'closed' | 'timeout';

/**
 * An MCP server could not be reached, or went away: it failed to start or answer the handshake (`connect`),
 * it exited or dropped the connection (`closed`, also for every call after that), or a call ran past its
 * timeout (`timeout`). `server` names it; `exit` says how a stdio server's process ended.
 */
export class McpConnectionError extends DragomanError {
  override name = 'McpConnectionError' as const;
  readonly server: string;
  readonly failure: McpFailure;
  readonly exit: ProcessExit | undefined;
  constructor(
    server: string,
    failure: McpFailure,
    message: string,
    options: DragomanErrorOptions & { exit?: ProcessExit | undefined } = {},
  ) {
    super('mcp', message, options);
    this.server = server;
    this.failure = failure;
    this.exit = options.exit;
  }
}

/** How a process ended, in words: "exited with code 1" or "was killed by SIGKILL". */
export function describeExit(exit: ProcessExit | undefined): string {
  if (exit === undefined) return 'closed the connection';
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}
