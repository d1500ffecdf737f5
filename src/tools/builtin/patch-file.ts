import { UserInputError } from '../../errors.js';
import { readWorkspaceFile } from './read-file.js';
import { type WriteOptions, type WriteResult, writeWorkspaceFile } from './write-file.js';

/** One search/replace edit: `search` must occur exactly once in the file when the edit is applied. */
export interface TextEdit {
  search: string;
  replace: string;
}

/**
 * Applies search/replace edits to a text, in order. Each `search` must occur exactly once in the text as
 * it stands after the previous edits, so an edit can never land in the wrong place.
 *
 * Why search/replace and not unified diffs: models copy a few lines reliably but miscount diff line
 * numbers and context, and a diff that does not apply cleanly gives a vaguer error than "not found".
 * @throws {UserInputError} naming the edit that was empty, not found, or found more than once.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) throw editError('No edits were given.', 'Pass at least one { search, replace }.');
  let current = text;
  for (const [index, edit] of edits.entries()) {
    if (edit.search === '') {
      throw editError(`Edit ${index + 1} has an empty search text.`, 'Quote the exact lines to replace.');
    }
    const first = current.indexOf(edit.search);
    if (first === -1) {
      throw editError(
        `Edit ${index + 1}: search text ${preview(edit.search)} was not found.`,
        'Read the file again and copy the lines exactly, including indentation.',
      );
    }
    if (current.indexOf(edit.search, first + 1) !== -1) {
      throw editError(
        `Edit ${index + 1}: search text ${preview(edit.search)} occurs more than once.`,
        'Include more surrounding lines so it matches exactly one place.',
      );
    }
    current = current.slice(0, first) + edit.replace + current.slice(first + edit.search.length);
  }
  return current;
}

/**
 * Applies search/replace edits to a file inside the workspace and writes it back atomically. Nothing is
 * written unless every edit applies.
 * @throws {UserInputError} from {@link applyTextEdits}, or when the file cannot be read or written.
 */
export async function patchWorkspaceFile(
  root: string,
  userPath: string,
  edits: readonly TextEdit[],
  options: WriteOptions = {},
): Promise<WriteResult & { edits: number }> {
  const file = await readWorkspaceFile(root, userPath, { maxBytes: options.maxBytes });
  const patched = applyTextEdits(file.content, edits);
  const written = await writeWorkspaceFile(root, file.path, patched, options);
  return { ...written, edits: edits.length };
}

function preview(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function editError(message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { hint, path: 'edits' });
}
