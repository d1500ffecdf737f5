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

// Control characters (C0 but tab and newline, DEL, C1: escape sequences that move the cursor, erase lines,
// retitle the window or hide text) and bidi overrides, embeddings and isolates (they reorder what is shown).
// Joiners and direction marks stay: Arabic and Persian text needs them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
// In an approval prompt every format character is shown, zero-width ones included.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_STRICT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}]/gu;

/**
 * Makes model- or tool-supplied text safe to print: control characters and bidi overrides become visible
 * `\u{…}` escapes, so the text can neither drive the terminal nor reorder what is shown.
 */
export function visibleText(text: string, strict = false): string {
  return text.replace(
    strict ? UNSAFE_STRICT : UNSAFE,
    (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`,
  );
}

/**
 * The approval prompt for one call, in full: the tool name and every argument on its own lines, pretty
 * printed, nothing cut (a hidden `--output=/elsewhere` or file content is exactly what the person must see),
 * with control characters made visible.
 */
export function formatApprovalPrompt(toolName: string, args: unknown): string {
  const body = JSON.stringify(args, null, 2) ?? String(args);
  const lines = visibleText(body, true)
    .split('\n')
    .map((line) => `  ${line}`);
  return [`? ${visibleText(toolName, true)} wants to run with:`, ...lines, 'Allow? [y/N] '].join('\n');
}

/** Shortens text to one line of at most `width` characters, control characters made visible. */
export function oneLine(text: string, width = 100): string {
  const flat = visibleText(text.replace(/\s+/gu, ' ').trim());
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
