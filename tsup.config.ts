import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts for the public entry points. The Mistral SDK is ESM-only and is loaded with a
// dynamic import() on first use, so the CJS build works on every Node >= 20 and stays off the cold path.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/fake': 'src/testing/fake.ts',
    'redis/index': 'src/redis/index.ts',
    'mcp/index': 'src/mcp/index.ts',
    // dragoman/otel: @opentelemetry/api is an optional peer dependency, external to the bundle.
    'otel/index': 'src/otel/index.ts',
    // dragoman/web: web-standard only (Request, Response, ReadableStream); no dependencies.
    'web/index': 'src/web/index.ts',
    'node/index': 'src/node/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
