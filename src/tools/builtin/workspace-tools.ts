import path from 'node:path';
import { z } from 'zod';
import { tool } from '../tool.js';
import { commandProgress } from './command-progress.js';
import { type WorkspaceLimits, withDefaultLimits } from './limits.js';
import { listDirectory } from './list-directory.js';
import { patchWorkspaceFile } from './patch-file.js';
import { readWorkspaceFile } from './read-file.js';
import { type CommandResult, runCommand } from './run-command.js';
import { searchWorkspace } from './search-files.js';
import { writeWorkspaceFile } from './write-file.js';

/** Options of {@link workspaceTools}. */
export interface WorkspaceToolsOptions {
  /** The folder the tools are confined to. Relative paths are resolved against the current directory. */
  root: string;
  /** Programs `run_command` may start (`['npm', 'node', 'git']`); unset allows any program on PATH. */
  commandAllowlist?: readonly string[];
  /** Size, count and time limits. */
  limits?: WorkspaceLimits;
  /** Extra environment variables for commands (the base keeps only PATH, HOME, locale and TERM). */
  commandEnv?: Record<string, string>;
  /**
   * Paths `write_file` and `patch_file` refuse: a name without `/` at any depth, a path with `/` from the
   * root down. @default ['.git']
   */
  protectedPaths?: readonly string[];
}

const pathArgument = z.string().describe('Path relative to the workspace root, with "/" separators.');

/**
 * Makes the coding tools an agent needs, confined to one workspace folder: `list_files`, `read_file`,
 * `search_files`, `write_file`, `patch_file` and `run_command` ({@link readOnlyWorkspaceTools} has the
 * first three). Every path goes through `resolveInside`, so `..`, absolute paths, symlinks and Unicode
 * tricks cannot leave the root.
 * Writes and commands have `needsApproval: true`: the run pauses until a human approves each call.
 * @example
 * const agent = defineAgent({ name: 'coder', model, tools: workspaceTools({ root: '.', commandAllowlist: ['npm'] }) });
 */
export function workspaceTools(options: WorkspaceToolsOptions) {
  const root = path.resolve(options.root);
  const limits = withDefaultLimits(options.limits);
  const writeOptions = {
    maxBytes: limits.maxWriteBytes,
    ...(options.protectedPaths ? { protectedPaths: options.protectedPaths } : {}),
  };
  return {
    ...readOnlyWorkspaceTools(options),
    write_file: tool({
      description: 'Create or replace a whole text file in the workspace. Needs approval.',
      parameters: z.object({ path: pathArgument, content: z.string() }),
      needsApproval: true,
      execute: (args) => writeWorkspaceFile(root, args.path, args.content, writeOptions),
    }),
    patch_file: tool({
      description:
        'Edit a file with search/replace pairs. Each search text must appear exactly once in the file; copy it exactly, with indentation. Needs approval.',
      parameters: z.object({
        path: pathArgument,
        edits: z.array(z.object({ search: z.string().min(1), replace: z.string() })).min(1),
      }),
      needsApproval: true,
      execute: (args) => patchWorkspaceFile(root, args.path, args.edits, writeOptions),
    }),
    run_command: tool({
      description: `Run one program with arguments in the workspace root, without a shell (no pipes, redirects or globs). Time limit ${Math.round(limits.commandTimeoutMs / 1000)} s.${options.commandAllowlist ? ` Allowed programs: ${options.commandAllowlist.join(', ')}.` : ''} Needs approval.`,
      parameters: z.object({
        command: z.string().describe('A program name on PATH, e.g. "npm".'),
        args: z.array(z.string()).default([]),
      }),
      needsApproval: true,
      execute: async (args, context) =>
        formatCommandResult(
          args.command,
          args.args,
          await runCommand(root, args.command, args.args, {
            allowlist: options.commandAllowlist,
            timeoutMs: limits.commandTimeoutMs,
            maxOutputBytes: limits.maxOutputBytes,
            signal: context.signal,
            env: options.commandEnv,
            onOutput: commandProgress(args.command, context),
          }),
        ),
    }),
  };
}

/**
 * Makes the read-only workspace tools: `list_files`, `read_file` and `search_files`, confined like
 * {@link workspaceTools}. None needs approval.
 */
export function readOnlyWorkspaceTools(options: Pick<WorkspaceToolsOptions, 'root' | 'limits'>) {
  const root = path.resolve(options.root);
  const limits = withDefaultLimits(options.limits);
  return {
    list_files: tool({
      description: 'List a folder of the workspace (one level, or recursive). Skips .git and node_modules.',
      parameters: z.object({ path: pathArgument.default('.'), recursive: z.boolean().default(false) }),
      execute: (args) =>
        listDirectory(root, args.path, { recursive: args.recursive, maxEntries: limits.maxListEntries }),
    }),
    read_file: tool({
      description: 'Read a text file of the workspace, optionally only lines startLine..endLine (1-based).',
      parameters: z.object({
        path: pathArgument,
        startLine: z.number().int().positive().optional(),
        endLine: z.number().int().positive().optional(),
      }),
      execute: (args) => readWorkspaceFile(root, args.path, { ...args, maxBytes: limits.maxReadBytes }),
    }),
    search_files: tool({
      description:
        'Search the text files of the workspace line by line (like ripgrep). pattern is a JavaScript regular expression unless literal is true.',
      parameters: z.object({
        pattern: z.string().min(1),
        literal: z.boolean().default(false),
        caseSensitive: z.boolean().default(true),
        glob: z.string().optional().describe('Only files matching this glob, e.g. "*.ts" or "src/**/*.md".'),
        path: pathArgument.default('.'),
      }),
      execute: (args, context) =>
        searchWorkspace(root, {
          ...args,
          maxResults: limits.maxSearchResults,
          maxFileBytes: limits.maxSearchFileBytes,
          timeoutMs: limits.searchTimeoutMs,
          signal: context.signal,
        }),
    }),
  };
}

/** Renders a command's result as the compact text the model reads. */
export function formatCommandResult(command: string, args: readonly string[], result: CommandResult): string {
  const status = result.timedOut
    ? `killed after the time limit (${result.durationMs} ms)`
    : result.exitCode === null
      ? `killed by ${result.signal}`
      : `exit code ${result.exitCode} (${result.durationMs} ms)`;
  const lines = [`$ ${[command, ...args].join(' ')}`, status];
  for (const stream of ['stdout', 'stderr'] as const) {
    if (result[stream] === '' && result.droppedBytes[stream] === 0) continue;
    lines.push(`--- ${stream} ---`, result[stream].trimEnd());
    if (result.droppedBytes[stream] > 0) lines.push(`[${result.droppedBytes[stream]} more bytes not shown]`);
  }
  return lines.join('\n');
}
