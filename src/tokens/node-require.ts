import { createRequire } from 'node:module';

/**
 * A CommonJS `require` for loading the tokenizer's engine and data synchronously, or `undefined` when the
 * runtime has none (browsers, edge runtimes). Works from both the ESM and the CJS build.
 */
export function nodeRequire(): NodeRequire | undefined {
  if (typeof require === 'function') return require;
  try {
    return createRequire(import.meta.url);
  } catch {
    return undefined;
  }
}
