import { join } from 'node:path';
import type { MockChatRequest, MockReply } from '../../src/testing/index.js';

/**
 * Offline replies for the MCP example: list the notes folder, read trip.md, then answer from it. The tool
 * names are the Mistral-safe names dragoman gives the filesystem server's tools (prefix "files").
 */
export function mcpFilesScript(notes: string) {
  return (request: MockChatRequest): MockReply => {
    const results = (request.body.messages ?? []).filter((message) => message.role === 'tool');
    if (results.length === 0)
      return { toolCalls: [{ name: 'files_list_directory', arguments: { path: notes } }] };
    if (results.length === 1)
      return { toolCalls: [{ name: 'files_read_text_file', arguments: { path: join(notes, 'trip.md') } }] };
    const trip = String(results[1]!.content);
    const train = /(\d\d:\d\d) train from (\w+)/.exec(trip);
    return { text: `Your trip note says you take the ${train?.[1]} train from ${train?.[2]} on 14 March.` };
  };
}
