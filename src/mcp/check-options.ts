import { UserInputError } from '../errors.js';
import type { ConnectMcpOptions } from './types.js';

/**
 * Checks {@link ConnectMcpOptions} before anything starts: exactly one of `command` and `url`, a parsable
 * URL, positive whole-number timeouts. Throws a `UserInputError` naming the field.
 */
export function checkConnectOptions(options: ConnectMcpOptions): { connectTimeoutMs: number } {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', 'connectMcp() needs options.', 'Pass { command, args } or { url }.');
  }
  const hasCommand = 'command' in options && options.command !== undefined;
  const hasUrl = 'url' in options && options.url !== undefined;
  if (hasCommand === hasUrl) {
    throw invalid(
      hasCommand ? 'url' : 'command',
      `connectMcp() needs exactly one of command and url, but got ${hasCommand ? 'both' : 'neither'}.`,
      'Pass { command, args } for a stdio server or { url } for an HTTP server.',
    );
  }
  if (hasCommand && (typeof options.command !== 'string' || options.command.trim() === '')) {
    throw invalid(
      'command',
      'connectMcp(): command must be a non-empty string.',
      'Pass the program, e.g. "npx".',
    );
  }
  if (hasUrl && !URL.canParse(String(options.url))) {
    throw invalid(
      'url',
      'connectMcp(): url is not a valid URL.',
      'Pass an absolute URL such as http://127.0.0.1:3000/mcp.',
    );
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name.trim() === '')) {
    throw invalid(
      'name',
      'connectMcp(): name must be a non-empty string.',
      'Pass a short prefix such as "files".',
    );
  }
  for (const field of ['timeoutMs', 'connectTimeoutMs'] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw invalid(
        field,
        `connectMcp(): ${field} must be a positive integer, but it is ${String(value)}.`,
        'Pass milliseconds, e.g. 30000.',
      );
    }
  }
  return { connectTimeoutMs: options.connectTimeoutMs ?? 30_000 };
}

/** How errors name a server before its handshake: the command, or the URL without credentials or query. */
export function describeServer(options: ConnectMcpOptions): string {
  if ('command' in options && typeof options.command === 'string') return `MCP server "${options.command}"`;
  const url = new URL(String((options as { url: string | URL }).url));
  return `MCP server at ${url.origin}${url.pathname}`;
}

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-config', message, { path, hint });
}
