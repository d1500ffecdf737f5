import { type ChildProcess, spawn } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** How a stdio server process ended: its exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What {@link ProcessGroupTransport} spawns. */
export interface SpawnSpec {
  command: string;
  args: readonly string[];
  /** Added to the few variables every server inherits (PATH, HOME, ...); the rest of process.env is not passed. */
  env: Record<string, string> | undefined;
  cwd: string | undefined;
  stderr: 'inherit' | 'ignore';
}

// Time a server gets to exit after SIGTERM before its whole process group is killed.
const TERM_GRACE_MS = 1_000;

/**
 * The MCP stdio transport, spawning the server as the leader of its own process group so `close()` also
 * stops what the server started (an `npx` wrapper, a shell, a browser). Newline-delimited JSON-RPC on
 * stdin/stdout; `exit` says how the process ended once it has.
 */
export class ProcessGroupTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Set when the process has ended. */
  exit: ProcessExit | undefined;
  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();
  private exited: Promise<void> | undefined;

  constructor(private readonly spec: SpawnSpec) {}

  /** The server's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    const { command, args, env, cwd, stderr } = this.spec;
    const child = spawn(command, [...args], {
      env: { ...getDefaultEnvironment(), ...env },
      cwd,
      stdio: ['pipe', 'pipe', stderr],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve();
        this.onclose?.();
      });
    });
    child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
    child.stdout?.on('error', (error) => this.onerror?.(error));
    child.stdin?.on('error', (error) => this.onerror?.(error));
    return new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.exit || stdin.destroyed)
      return Promise.reject(new Error('The server process has exited.'));
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exit) return;
    child.stdin?.end();
    this.signal('SIGTERM');
    const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([this.exited, timer(TERM_GRACE_MS)]);
    // Even when the leader exited, its children may live on in the group: kill them all.
    this.signal('SIGKILL');
    await Promise.race([this.exited, timer(TERM_GRACE_MS)]);
    this.buffer.clear();
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child?.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  }

  private read(chunk: Buffer): void {
    try {
      this.buffer.append(chunk);
    } catch (error) {
      // One message above the buffer cap (10 MB): the stream cannot be resynchronised, so stop the server.
      this.onerror?.(error as Error);
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        // A line that is not JSON-RPC (a server logging to stdout): report it and keep reading.
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }
}
