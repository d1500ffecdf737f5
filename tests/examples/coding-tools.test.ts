import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillInTheMiddle, fimTool } from '../../examples/coding-helper/fim.js';
import { rewriteFileTool, stripFences } from '../../examples/coding-helper/rewrite-tool.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/mock-server/index.js';
import type { ToolContext } from '../../src/tools/index.js';

let server: MockMistralServer;
let root: string;
const context: ToolContext = {
  signal: new AbortController().signal,
  sessionId: undefined,
  context: undefined,
  toolCallId: 'abcDEF123',
  toolName: 't',
  agentName: 'a',
  reportProgress: () => {},
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dragoman-coding-tools-'));
  server = await createMockMistralServer({
    reply: (request) =>
      request.kind === 'fim'
        ? { text: 'return a * b;' }
        : { text: '```js\nexport const total = (a, b) => a + b;\n```' },
  });
});
afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('Codestral FIM', () => {
  it('as a function: sends prompt and suffix to /v1/fim/completions', async () => {
    const provider = createMistral({ apiKey: 'test', serverURL: server.url });
    const response = await fillInTheMiddle(provider, { prompt: 'function mul(a, b) {\n  ', suffix: '\n}' });
    expect(response.text).toBe('return a * b;');
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/fim/completions');
    expect(request?.body).toMatchObject({
      model: 'codestral-latest',
      prompt: 'function mul(a, b) {\n  ',
      suffix: '\n}',
    });
  });

  it('as a tool: replaces the marker with the completion and reports usage', async () => {
    await writeFile(path.join(root, 'a.js'), 'function mul(a, b) {\n  /* fill */\n}\n');
    const seen: string[] = [];
    const provider = createMistral({ apiKey: 'test', serverURL: server.url });
    const fill = fimTool({ provider, root, onUsage: (response) => seen.push(response.meta.model) });
    await fill.execute({ path: 'a.js', marker: '/* fill */' }, context);
    expect(await readFile(path.join(root, 'a.js'), 'utf8')).toBe(
      'function mul(a, b) {\n  return a * b;\n}\n',
    );
    expect(seen).toEqual(['codestral-latest']);
    await expect(fill.execute({ path: 'a.js', marker: '/* fill */' }, context)).rejects.toThrow(
      /occurs 0 times/,
    );
  });
});

describe('predicted whole-file rewrite', () => {
  it('sends the current file as the prediction and writes the answer without fences', async () => {
    const original = 'export const sum = (a, b) => a + b;\n';
    await writeFile(path.join(root, 'sum.js'), original);
    const provider = createMistral({ apiKey: 'test', serverURL: server.url });
    const rewrite = rewriteFileTool({ provider, root });
    expect(await rewrite.execute({ path: 'sum.js', instructions: 'Rename sum to total.' }, context)).toMatch(
      /^Rewrote sum.js/,
    );
    expect(server.requests[0]?.body).toMatchObject({
      model: 'codestral-latest',
      prediction: { type: 'content', content: original },
    });
    expect(await readFile(path.join(root, 'sum.js'), 'utf8')).toBe('export const total = (a, b) => a + b;\n');
  });

  it('strips only a fence around the whole answer', () => {
    expect(stripFences('```ts\nconst a = 1;\n```')).toBe('const a = 1;\n');
    expect(stripFences('const a = "```";')).toBe('const a = "```";');
  });
});
