/**
 * Redis fleet: a web-server process and two worker processes share one Redis; one conversation is continued
 * across them (each turn may run on either worker, and both see the whole session).
 *
 *   npm run example:redis-fleet
 *
 * Offline: it starts its own redis-server (Debian's) on a free loopback port, unless REDIS_URL is set, and
 * the mock Mistral server. See docs/scaling.md.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createRunQueue, RedisStore } from '../../src/redis/index.js';
import { createMockMistralServer } from '../../src/testing/index.js';
import { listenOnLoopback } from '../../src/testing/listen-on-loopback.js';

const children: ChildProcess[] = [];
const mock = await createMockMistralServer();
const url = process.env['REDIS_URL'] ?? (await startRedis());
const workerScript = fileURLToPath(new URL('./worker.ts', import.meta.url));
const env = { ...process.env, REDIS_URL: url, MISTRAL_SERVER_URL: mock.url, MISTRAL_API_KEY: 'offline' };
await Promise.all([spawnReady(workerScript, env), spawnReady(workerScript, env)]);

// The web server: POST /chat { session, text } enqueues a run and streams its text as the worker writes it.
const queue = await createRunQueue({ connection: url, prefix: 'fleet:' });
const server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  const { session, text } = JSON.parse(body) as { session: string; text: string };
  const runId = await queue.enqueue({ agent: 'assistant', input: text, session });
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  for await (const event of queue.stream(runId)) if (event.type === 'text-delta') response.write(event.text);
  response.end();
});
const origin = await listenOnLoopback(server);
try {
  for (const text of [
    'Bonjour, I am planning a trip to Lyon.',
    'What should I eat there?',
    'And on a budget?',
  ]) {
    console.log(`user> ${text}`);
    const answer = await fetch(`${origin}/chat`, {
      method: 'POST',
      body: JSON.stringify({ session: 'traveller-1', text }),
    });
    console.log(`assistant> ${await answer.text()}`);
  }
  const client = new Redis(url);
  const history = await new RedisStore({ client, prefix: 'fleet:' }).load('traveller-1');
  console.log(
    `\nThe session in Redis holds ${history.length} messages, one turn per request, whichever worker ran it.`,
  );
  await client.quit();
} finally {
  server.close();
  await queue.close();
  // Workers first (they finish their runs and close their connections), then Redis.
  for (const child of children.reverse()) await stop(child);
  await mock.close();
}

/** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Starts a TypeScript child and resolves when it prints `ready`; its other output goes to ours. */
function spawnReady(script: string, childEnv: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('ready')) resolve();
      process.stdout.write(text.replace('ready\n', ''));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code}`)));
  });
}

/** Debian's redis-server on a free loopback port, without persistence; killed when this process ends. */
async function startRedis(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(redis);
  await new Promise<void>((resolve, reject) => {
    redis.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve());
    redis.once('error', reject);
  });
  return `redis://127.0.0.1:${port}`;
}
