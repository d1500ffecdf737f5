import { Readable, Writable } from 'node:stream';
import type { ExampleIO } from '../../examples/shared/io.js';

/** An example IO for tests: scripted stdin lines, captured stdout, no API key, not a TTY. */
export function testIO(
  lines: readonly string[] = [],
  env: Record<string, string | undefined> = {},
): ExampleIO & { output(): string } {
  const chunks: string[] = [];
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const stdin = Readable.from(lines.map((line) => `${line}\n`));
  return { stdin, stdout, env, isTTY: false, output: () => chunks.join('') };
}
