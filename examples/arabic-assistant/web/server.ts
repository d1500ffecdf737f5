import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { InMemoryStore } from '../../../src/index.js';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';
import { createChatHandler } from '../../../src/web/index.js';
import { connectBackend } from '../../shared/backend.js';
import { serveWebHandler } from '../../shared/serve-web-handler.js';
import { createArabicAssistant } from '../agent.js';
import { webChatScript } from './script.js';

/** A running web chat: its page's address, the calendar the approved tool writes to, and how to stop it. */
export interface WebChat {
  url: string;
  /** One line saying which backend answers (La Plateforme or the mock server). */
  banner: string;
  calendar: Array<{ title: string; date: string }>;
  close(): Promise<void>;
}

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'page.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * Starts the Arabic assistant's web chat on 127.0.0.1: the page at `/`, the agent at `POST /api/chat`
 * (dragoman/web's chat handler). Live on La Plateforme with MISTRAL_API_KEY, else offline against the
 * local mock server. Conversations live in memory, one session per chat.
 */
export async function startWebChat(options: {
  env: Record<string, string | undefined>;
  port?: number;
}): Promise<WebChat> {
  const backend = await connectBackend(options.env, webChatScript);
  const calendar: WebChat['calendar'] = [];
  const agent = createArabicAssistant({ provider: backend.provider, memory: new InMemoryStore(), calendar });
  const handler = createChatHandler(agent);
  const server = createServer((incoming, outgoing) => {
    const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/chat') {
      serveWebHandler(handler, incoming, outgoing).catch(() => outgoing.destroy());
      return;
    }
    const asset = STATIC[path];
    if (!asset || incoming.method !== 'GET') {
      outgoing.writeHead(404).end();
      return;
    }
    readFile(new URL(asset.file, import.meta.url)).then(
      (content) => outgoing.writeHead(200, { 'content-type': asset.type }).end(content),
      () => outgoing.writeHead(500).end(),
    );
  });
  const url =
    options.port === undefined
      ? await listenOnLoopback(server)
      : await new Promise<string>((resolve) =>
          server.listen(options.port, '127.0.0.1', () => resolve(`http://127.0.0.1:${options.port}`)),
        );
  return {
    url,
    banner: backend.banner,
    calendar,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}
