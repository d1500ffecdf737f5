import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Pending connections the kernel queues before the server accepts them. Node's default (511) is too few for
 * a load test that opens 1,000 sockets at once on a busy machine: the overflow is reset, which a hosted API
 * behind its load balancers does not do. The kernel caps it at `net.core.somaxconn`.
 */
const BACKLOG = 4096;

/**
 * Starts `server` on a free port of 127.0.0.1 (loopback only: test traffic never leaves the machine) and
 * returns its origin, `http://127.0.0.1:<port>`. Rejects if the server cannot listen.
 */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
