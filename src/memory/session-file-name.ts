import { createHash } from 'node:crypto';
import { validateSessionId } from './session-id.js';

/**
 * The file name of a session: a readable slug of the id plus 16 hex digits of its SHA-256, e.g.
 * `alice.2bd806c97f0e00af.jsonl` for `alice`. The hash keeps ids apart that differ only in case (case-insensitive
 * file systems) or in characters the slug replaces; the slug keeps the directory readable.
 * Invalid ids (see `validateSessionId`: empty, control characters, `/`, `\\`, `..`) throw a `UserInputError`.
 */
export function sessionFileName(sessionId: string): string {
  validateSessionId(sessionId);
  const slug = sessionId
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .slice(0, 60);
  const hash = createHash('sha256').update(sessionId, 'utf8').digest('hex').slice(0, 16);
  return `${slug}.${hash}.jsonl`;
}
