/**
 * The Arabic assistant on the web: a chat page (right-to-left for Arabic turns, route and model on each
 * answer, tool calls and approvals inline, a cost line per turn) served by a small local server.
 *
 *   npm run example:arabic-web [-- --port 3000]
 *
 * With MISTRAL_API_KEY it talks to La Plateforme; without it, to the local mock server with scripted
 * replies (try the suggested questions). Ctrl+C stops it.
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startWebChat } from './server.js';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' } } });
  const chat = await startWebChat({ env: process.env, port: Number(values.port) });
  process.stdout.write(`${chat.banner}\nOpen ${chat.url} in a browser. Ctrl+C stops the server.\n`);
  process.once('SIGINT', () => {
    void chat.close().then(() => process.exit(0));
  });
}
