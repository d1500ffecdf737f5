import { describe, expect, it } from 'vitest';
import { main } from '../../examples/mcp-files/main.js';
import { testIO } from './example-io.js';

describe('MCP example (reference filesystem server from npm)', () => {
  it('runs end to end offline: read-only tools only, list and read through the real server', async () => {
    const io = testIO();
    expect(await main([], io)).toBe(0);
    const output = io.output();
    expect(output.split('\n')[0]).toMatch(/^No MISTRAL_API_KEY: running offline/);
    expect(output).toMatch(/\[mcp\] secure-filesystem-server .*files_read_text_file/);
    for (const writer of ['files_write_file', 'files_edit_file', 'files_move_file', 'files_create_directory'])
      expect(output).not.toContain(writer);
    expect(output).toContain('[tool] files_list_directory → [FILE] shopping.md');
    expect(output).toContain('[tool] files_read_text_file → # Trip to Fes');
    expect(output).toContain('Your trip note says you take the 08:10 train from Rabat on 14 March.');
  }, 30_000);
});
