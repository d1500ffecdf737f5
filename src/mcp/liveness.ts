import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/**
 * How long a server that just dropped a stream has to answer a `ping` before it counts as dead. An MCP ping
 * is answered without doing any work, so a live server answers in milliseconds; a dead one refuses the
 * connection at once, and this bounds the rest (a host that stopped answering).
 */
export const PING_TIMEOUT_MS = 5_000;

/** Checks whether an HTTP server still answers, once at a time. */
export interface LivenessCheck {
  /** Pings the server (joining a ping in flight); resolves `false`, after calling `onDead`, when it is gone. */
  check(): Promise<boolean>;
}

/**
 * Watches an HTTP connection for a server that went away. The SDK reports a dropped stream or a failed POST
 * on `onerror` but leaves the calls waiting for answers a dead server will never send (a stream resumes only
 * when the server numbered its events), so a call would wait for its whole timeout. On each transport error,
 * one `ping` decides: no answer within {@link PING_TIMEOUT_MS} means the server is gone, and `onDead` is
 * called with what failed (the caller then closes the client, which ends every pending call at once).
 */
export function watchLiveness(
  client: Client,
  onDead: (detail: string, cause: unknown) => void,
  pingTimeoutMs = PING_TIMEOUT_MS,
): LivenessCheck {
  let inFlight: Promise<boolean> | undefined;
  let dead = false;
  const check = (): Promise<boolean> => {
    if (dead) return Promise.resolve(false);
    inFlight ??= client
      .ping({ timeout: pingTimeoutMs })
      .then(
        () => true,
        (error: unknown) => {
          dead = true;
          onDead(describeFailure(error), error);
          return false;
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  client.onerror = () => {
    void check();
  };
  return { check };
}

/** A transport failure in a few words: the message, with the system error code behind a `fetch failed`. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' ? `${message}: ${code}` : message;
}
