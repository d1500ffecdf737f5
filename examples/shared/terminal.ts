import type { Writable } from 'node:stream';
import type { ExampleIO } from './io.js';

/** A spinner on one terminal line; does nothing when the output is not a TTY (pipes, tests, CI). */
export interface Spinner {
  start(label: string): void;
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Creates a {@link Spinner} writing to the example's stdout. */
export function createSpinner(io: ExampleIO, intervalMs = 80): Spinner {
  let timer: NodeJS.Timeout | undefined;
  const clear = (out: Writable) => out.write('\r\u001b[2K');
  return {
    start(label) {
      if (!io.isTTY || timer) return;
      let frame = 0;
      timer = setInterval(() => {
        io.stdout.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`);
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      clear(io.stdout);
    },
  };
}

/** Shortens text to one line of at most `width` characters. */
export function oneLine(text: string, width = 100): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** A compact line for a tool call: `→ read_file {"path":"src/a.ts"}`. */
export function formatToolCall(name: string, args: unknown): string {
  return `→ ${name} ${oneLine(typeof args === 'string' ? args : JSON.stringify(args), 90)}`;
}

/** A compact line for a tool result: `← read_file ok: ...` or `← read_file error: ...` (the tool name when given). */
export function formatToolResult(result: string, isError: boolean, toolName?: string): string {
  const who = toolName === undefined ? '' : ` ${toolName}`;
  return `←${who} ${isError ? 'error' : 'ok'}: ${oneLine(result, 90)}`;
}
