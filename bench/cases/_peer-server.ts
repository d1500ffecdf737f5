/**
 * Starts the peer benchmark's fake Mistral server (../shared/peer-bench/server/server.mjs) in its own process
 * on a free loopback port, so the benchmarked client does not share a thread with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../../shared/peer-bench/server/server.mjs', import.meta.url));

/** The running server: its process (kill it when done) and its origin, `http://127.0.0.1:<port>`. */
export interface PeerServer {
  child: ChildProcess;
  origin: string;
}

/** Spawns the server and waits for the port it prints. */
export async function startPeerServer(): Promise<PeerServer> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const port = /LISTENING (\d+)/.exec(chunk.toString())?.[1];
  if (!port) throw new Error(`bench server did not start: ${chunk.toString()}`);
  return { child, origin: `http://127.0.0.1:${port}` };
}
