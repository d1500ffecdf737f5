/**
 * MCP tools: an agent reads a folder through the reference filesystem MCP server from npm
 * (@modelcontextprotocol/server-filesystem), started over stdio and offered read-only.
 *
 *   npm run example:mcp [-- "question"] [folder]
 *
 * Without MISTRAL_API_KEY it runs against the local mock server, which lists the folder and reads a note.
 * @module
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineAgent, run } from '../../src/index.js';
import { connectMcp } from '../../src/mcp/index.js';
import { connectBackend } from '../shared/backend.js';
import { type ExampleIO, runAsScript } from '../shared/io.js';
import { mcpFilesScript } from './script.js';

const DEFAULT_FOLDER = fileURLToPath(new URL('./notes', import.meta.url));

/** Runs the MCP example; returns the process exit code. */
export async function main(args: readonly string[], io: ExampleIO): Promise<number> {
  const folder = resolve(args[1] ?? DEFAULT_FOLDER);
  const backend = await connectBackend(io.env, mcpFilesScript(folder));
  io.stdout.write(`${backend.banner}\n`);
  // The installed server, run with this Node (`npx -y @modelcontextprotocol/server-filesystem` works too).
  const server = createRequire(import.meta.url).resolve(
    '@modelcontextprotocol/server-filesystem/dist/index.js',
  );
  const files = await connectMcp({
    command: process.execPath,
    args: [server, folder],
    name: 'files',
    stderr: 'ignore',
    // Read-only: only the tools the server marks as such (read_text_file, list_directory, ...).
    include: (tool) => tool.annotations?.readOnlyHint === true,
  });
  try {
    io.stdout.write(
      `[mcp] ${files.serverInfo.name} ${files.serverInfo.version}: ${Object.keys(files.tools).join(', ')}\n`,
    );
    const agent = defineAgent({
      name: 'notes',
      instructions: `Answer questions about the notes in ${folder}. Use the files tools; quote what you read.`,
      model: backend.provider('mistral-small-latest'),
      tools: files.tools,
    });
    agent.events.on('tool-call-end', (event) =>
      io.stdout.write(`[tool] ${event.toolName} → ${event.result.split('\n')[0]}\n`),
    );
    const question = args[0] ?? 'When does my train to Fes leave?';
    const result = await run(agent, question, io.signal ? { signal: io.signal } : {});
    io.stdout.write(`${result.text}\n`);
    return 0;
  } finally {
    await files.close();
    await backend.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript((io) => main(process.argv.slice(2), io));
}
