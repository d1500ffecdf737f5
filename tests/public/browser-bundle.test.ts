/**
 * `import { defineAgent, run, tool, createRouter, createMistral } from 'dragoman'` must bundle for browsers
 * (esbuild --platform=browser): the main entry loads no Node built-in. The JSONL store and the workspace tools
 * live in `dragoman/node`; the Tekken ranks loader takes `node:module` only at call time.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

describe('the main entry in a browser bundle', () => {
  it('bundles with --platform=browser without errors', async () => {
    const contents =
      "import { createMistral, createRouter, defineAgent, run, tool } from './src/index.ts';\n" +
      'console.log(createMistral, createRouter, defineAgent, run, tool);\n';
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    }).then(
      () => ({ files: [] as string[] }),
      (error: { errors?: Array<{ location?: { file?: string } | null }> }) => ({
        files: (error.errors ?? []).map((entry) => entry.location?.file ?? '(no file)'),
      }),
    );
    expect(result.files).toEqual([]);
  });

  it('keeps the Node-only parts out of the main entry and in dragoman/node', async () => {
    const main = await import('../../src/index.js');
    const node = await import('../../src/node/index.js');
    for (const name of ['JsonlFileStore', 'workspaceTools', 'abortOnInterrupt', 'sessionFileName']) {
      expect(main).not.toHaveProperty(name);
      expect(node).toHaveProperty(name);
    }
  });
});
