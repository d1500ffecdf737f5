import { describe, expectTypeOf, it } from 'vitest';
import type {
  CommandResult,
  ListResult,
  ReadResult,
  SearchResult,
  WriteResult,
} from '../../../src/tools/builtin/index.js';
import { type readOnlyWorkspaceTools, workspaceTools } from '../../../src/tools/builtin/index.js';

describe('workspaceTools types', () => {
  const tools = workspaceTools({ root: '.' });

  it('keys the record by tool name', () => {
    expectTypeOf<keyof typeof tools>().toEqualTypeOf<
      'list_files' | 'read_file' | 'search_files' | 'write_file' | 'patch_file' | 'run_command'
    >();
    expectTypeOf<keyof ReturnType<typeof readOnlyWorkspaceTools>>().toEqualTypeOf<
      'list_files' | 'read_file' | 'search_files'
    >();
  });

  it('infers each tool’s arguments from its schema (defaults applied)', () => {
    expectTypeOf(tools.write_file.execute).parameter(0).toEqualTypeOf<{ path: string; content: string }>();
    expectTypeOf(tools.patch_file.execute)
      .parameter(0)
      .toEqualTypeOf<{ path: string; edits: Array<{ search: string; replace: string }> }>();
    expectTypeOf(tools.run_command.execute).parameter(0).toEqualTypeOf<{ command: string; args: string[] }>();
    expectTypeOf(tools.list_files.execute).parameter(0).toEqualTypeOf<{ path: string; recursive: boolean }>();
  });

  it('types each tool’s result', () => {
    expectTypeOf(tools.list_files.execute).returns.resolves.toEqualTypeOf<ListResult>();
    expectTypeOf(tools.read_file.execute).returns.resolves.toEqualTypeOf<ReadResult>();
    expectTypeOf(tools.search_files.execute).returns.resolves.toEqualTypeOf<SearchResult>();
    expectTypeOf(tools.write_file.execute).returns.resolves.toEqualTypeOf<WriteResult>();
    expectTypeOf(tools.run_command.execute).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf<CommandResult['exitCode']>().toEqualTypeOf<number | null>();
  });
});
