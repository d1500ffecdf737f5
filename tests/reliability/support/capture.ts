/**
 * Collects everything a scenario produced, as text: errors (with their whole cause chain, as `console.error`
 * would print them), events, results, console output and anything else handed to `keep`.
 */
import { inspect } from 'node:util';

/** A growing record of what the suite produced, searched for secrets at the end. */
export interface Produced {
  keep(label: string, value: unknown): void;
  /** Runs `body` with console.* and process.stdout/stderr writes captured into the record. */
  captureOutput<T>(body: () => Promise<T>): Promise<T>;
  /** Labels of the entries containing `needle`. */
  find(needle: string): string[];
  readonly size: number;
}

function render(value: unknown): string {
  const parts = [inspect(value, { depth: 12, showHidden: false, getters: true })];
  if (value instanceof Error) {
    parts.push(String(value), value.stack ?? '');
    let cause: unknown = value.cause;
    for (let depth = 0; cause !== undefined && depth < 12; depth++) {
      parts.push(inspect(cause, { depth: 12 }), String(cause));
      cause = (cause as { cause?: unknown } | null)?.cause;
    }
  }
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // Cycles: inspect above has it.
  }
  return parts.join('\n');
}

/** Makes an empty record. */
export function createProduced(): Produced {
  const entries: Array<{ label: string; text: string }> = [];
  const keep = (label: string, value: unknown) => entries.push({ label, text: render(value) });
  return {
    keep,
    async captureOutput(body) {
      const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
      const saved = methods.map((name) => console[name]);
      const savedOut = process.stdout.write;
      const savedErr = process.stderr.write;
      for (const name of methods) console[name] = (...args: unknown[]) => keep(`console.${name}`, args);
      const writer = (label: string) =>
        ((chunk: unknown) => {
          keep(label, String(chunk));
          return true;
        }) as typeof process.stdout.write;
      process.stdout.write = writer('stdout');
      process.stderr.write = writer('stderr');
      try {
        return await body();
      } finally {
        methods.forEach((name, index) => {
          console[name] = saved[index] as (typeof console)[typeof name];
        });
        process.stdout.write = savedOut;
        process.stderr.write = savedErr;
      }
    },
    find(needle) {
      return entries.filter((entry) => entry.text.includes(needle)).map((entry) => entry.label);
    },
    get size() {
      return entries.length;
    },
  };
}
