/**
 * Built-in tools: workspace file and command tools confined to a root folder, and the functions under them.
 * @module
 */

export type {
  AbortOnInterruptOptions,
  InterruptSignal,
  SignalSource,
  StopSignalName,
} from './abort-on-interrupt.js';
export { abortOnInterrupt } from './abort-on-interrupt.js';
export { isBinary } from './binary.js';
export { globToMatcher } from './glob.js';
export type { WorkspaceLimits } from './limits.js';
export { defaultWorkspaceLimits } from './limits.js';
export type { ListEntry, ListOptions, ListResult } from './list-directory.js';
export { listDirectory } from './list-directory.js';
export type { TextEdit } from './patch-file.js';
export { applyTextEdits, patchWorkspaceFile } from './patch-file.js';
export { DEFAULT_PROTECTED_PATHS } from './protected-paths.js';
export type { ReadOptions, ReadResult } from './read-file.js';
export { readWorkspaceFile } from './read-file.js';
export type { ResolvedPath } from './resolve-inside.js';
export { checkPathText, isInside, resolveInside } from './resolve-inside.js';
export type { CommandResult, RunCommandOptions } from './run-command.js';
export { passedEnvironment, runCommand, safeEnvironment } from './run-command.js';
export type { SearchMatch, SearchOptions, SearchResult } from './search-files.js';
export { searchWorkspace } from './search-files.js';
export type { WorkspaceToolsOptions } from './workspace-tools.js';
export { formatCommandResult, readOnlyWorkspaceTools, workspaceTools } from './workspace-tools.js';
export type { WriteOptions, WriteResult } from './write-file.js';
export { writeWorkspaceFile } from './write-file.js';
