/**
 * A CommonJS `require` for reading the Tekken ranks synchronously, or `undefined` where there is none
 * (browsers, edge runtimes): the counter then estimates.
 *
 * No Node built-in is imported at the top, so the main entry bundles for the browser: `node:module` comes
 * from `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) when it is needed. The CommonJS build uses its
 * own module `require`. The ESM build must not use the name `require`: esbuild turns it into a shim that
 * exists but throws, which silently turned exact counting off.
 */
export function nodeRequire(): NodeRequire | undefined {
  // Only the CommonJS build (and Bun) has a module-scoped __filename; there `require` is the real one.
  if (typeof __filename === 'string' && typeof require === 'function') return require;
  const nodeModule = globalThis.process?.getBuiltinModule?.('node:module');
  if (nodeModule === undefined) return undefined;
  try {
    return nodeModule.createRequire(import.meta.url);
  } catch {
    return undefined;
  }
}
