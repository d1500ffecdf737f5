import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeToolNames, toPrefix } from '../../src/mcp/tool-names.js';

const MISTRAL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe('safeToolNames', () => {
  it('prefixes names and replaces characters Mistral rejects', () => {
    const names = safeToolNames('files', ['read_file', 'fs.write', 'list dir', 'get-info']);
    expect([...names.values()]).toEqual([
      'files_read_file',
      'files_fs_write',
      'files_list_dir',
      'files_get-info',
    ]);
  });

  it('caps long names at 64 characters with a hash of the real name', () => {
    const long = `a.${'b'.repeat(98)}`;
    const other = `a.${'b'.repeat(97)}c`;
    const names = safeToolNames('srv', [long, other]);
    expect(names.get(long)).toHaveLength(64);
    expect(names.get(long)).toMatch(/^srv_a_b+_[0-9a-f]{8}$/);
    expect(names.get(long)).not.toBe(names.get(other));
  });

  it('hashes every member of a group that clashes after replacement, whatever the order', () => {
    const forward = safeToolNames('s', ['a.b', 'a_b', 'c']);
    const backward = safeToolNames('s', ['c', 'a_b', 'a.b']);
    expect(forward.get('a.b')).toMatch(/^s_a_b_[0-9a-f]{8}$/);
    expect(forward.get('a_b')).toMatch(/^s_a_b_[0-9a-f]{8}$/);
    expect(forward.get('a.b')).not.toBe(forward.get('a_b'));
    expect(forward.get('c')).toBe('s_c');
    expect(new Map([...backward].sort())).toEqual(new Map([...forward].sort()));
  });

  it('gives valid, distinct, stable names for any set of MCP names (property)', () => {
    const mcpName = fc.string({ minLength: 1, maxLength: 128, unit: 'grapheme' });
    fc.assert(
      fc.property(
        fc.uniqueArray(mcpName, { maxLength: 20 }),
        fc.string({ maxLength: 40 }),
        (realNames, server) => {
          const prefix = toPrefix(server);
          const names = safeToolNames(prefix, realNames);
          const values = [...names.values()];
          for (const value of values) expect(value).toMatch(MISTRAL_NAME);
          expect(new Set(values).size).toBe(realNames.length);
          expect(safeToolNames(prefix, realNames)).toEqual(names);
        },
      ),
    );
  });
});

describe('toPrefix', () => {
  it('makes a short valid prefix from any server name', () => {
    expect(toPrefix('@modelcontextprotocol/server-filesystem')).toBe('_modelcontextprotoco');
    expect(toPrefix('secure-filesystem-server')).toBe('secure-filesystem-se');
    expect(toPrefix('...')).toBe('mcp');
    expect(toPrefix('')).toBe('mcp');
  });
});
