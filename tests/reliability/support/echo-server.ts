/**
 * A careless server on 127.0.0.1 that echoes the caller's Authorization header (and so the API key) back in
 * every error body, in the shapes Mistral and OpenAI-compatible servers use, plus in a mid-stream error
 * event. The secrets test checks that none of that reaches an error, event or log.
 */

import { createServer } from 'node:http';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';

/**
 * What the echo server answers: an HTTP error status, a 200 stream that fails with an error event, an HTML
 * page, or a plain-text body where the key starts `pad` characters in (so a body cut to a length cuts the
 * key). `keyInCode` puts the key into the error's `code` and `type` fields as well.
 */
export type EchoMode = (
  | { status: number }
  | { streamError: true }
  | { htmlStatus: number }
  | { textStatus: number; pad: number }
) & {
  keyInCode?: boolean;
};

/** A running echo server. */
export interface EchoServer {
  url: string;
  setMode(mode: EchoMode): void;
  close(): Promise<void>;
}

/** Starts the echo server. */
export async function startEchoServer(): Promise<EchoServer> {
  let mode: EchoMode = { status: 401 };
  const server = createServer((request, response) => {
    const authorization = String(request.headers.authorization ?? '');
    const key = authorization.replace(/^Bearer\s+/i, '');
    const gatewayKey = String(request.headers['x-api-key'] ?? '');
    request.resume();
    request.on('end', () => {
      const message = `Invalid API key ${key} (header: ${authorization}, gateway key ${gatewayKey}) for ${request.url}`;
      const code = mode.keyInCode ? key : 'internal';
      const type = mode.keyInCode ? `invalid_key_${key}` : 'server_error';
      if ('textStatus' in mode) {
        response.writeHead(mode.textStatus, { 'content-type': 'text/plain' });
        response.end(`${'x'.repeat(mode.pad)}${key} ${gatewayKey} and more text after it`);
        return;
      }
      if ('streamError' in mode) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = {
          id: 'x',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'm',
          choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
        };
        response.write(`data: ${JSON.stringify(chunk)}\n\n`);
        response.end(`data: ${JSON.stringify({ error: { message, type, code } })}\n\n`);
        return;
      }
      if ('htmlStatus' in mode) {
        response.writeHead(mode.htmlStatus, { 'content-type': 'text/html' });
        response.end(`<html><body>${message}</body></html>`);
        return;
      }
      response.writeHead(mode.status, { 'content-type': 'application/json', 'retry-after': '0' });
      response.end(
        JSON.stringify({
          object: 'error',
          message,
          type: mode.keyInCode ? type : 'invalid_request_error',
          param: null,
          code: mode.keyInCode ? code : '1000',
          error: {
            message,
            type: mode.keyInCode ? type : 'invalid_request_error',
            code: mode.keyInCode ? code : 'invalid_api_key',
          },
          detail: [{ type: 'value_error', loc: ['body', key], msg: message, input: authorization }],
        }),
      );
    });
  });
  const origin = await listenOnLoopback(server);
  return {
    url: origin,
    setMode(next) {
      mode = next;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
