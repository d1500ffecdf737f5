import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Sends a complete body: objects as JSON, strings as they are. */
export function sendBody(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const isText = typeof body === 'string';
  const text = isText ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * Writes one piece and resolves once it has been handed to the socket (so a later cut cannot discard it),
 * which also keeps a slow reader from piling up frames in memory.
 */
export function writePiece(response: ServerResponse, piece: string): Promise<void> {
  return new Promise((resolve) => response.write(piece, () => resolve()));
}

/** Waits, unless the server closes or the client goes away first (then resolves false). */
export async function pause(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  if (milliseconds <= 0) return !signal.aborted;
  try {
    await sleep(milliseconds, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the exchange abruptly once the headers and everything written so far have reached the socket: the
 * client sees the connection drop mid-body, as when a proxy or the network fails.
 */
export async function cutConnection(response: ServerResponse): Promise<void> {
  if (!response.headersSent) response.flushHeaders();
  const socket = response.socket;
  if (socket === null) return;
  await new Promise<void>((resolve) => socket.write('', () => resolve()));
  socket.destroy();
}
