import { stat } from 'node:fs/promises';
import path from 'node:path';

export const USAGE = `Usage: npm run example:coding -- <folder> "<task>"
       npm run example:coding              (the sample project, on a copy in a temp folder)`;

/** What the command line asked for: a folder and task, the sample project, or a message and exit code. */
export type CodingArguments =
  | { kind: 'sample' }
  | { kind: 'folder'; root: string; task: string }
  | { kind: 'exit'; code: number; message: string };

/**
 * Reads `<folder> "<task>"` (words after the folder are joined, so an unquoted task works too). Offline,
 * only the sample project can run: the scripted model knows nothing about another folder or task, and
 * replaying its script there would claim work it did not do.
 */
export async function readCodingArguments(args: readonly string[], live: boolean): Promise<CodingArguments> {
  if (args.length === 0) return { kind: 'sample' };
  const [folder = '', ...words] = args;
  if (folder === '--help' || folder === '-h') return { kind: 'exit', code: 0, message: USAGE };
  if (folder.startsWith('-')) {
    return { kind: 'exit', code: 2, message: `Unknown option "${folder}".\n${USAGE}` };
  }
  const root = path.resolve(folder);
  if (folder.trim() === '' || !(await stat(root).catch(() => undefined))?.isDirectory()) {
    return {
      kind: 'exit',
      code: 2,
      message: `Workspace "${folder}" is not a folder. Pass an existing project folder, or none for the sample.`,
    };
  }
  const task = words.join(' ').trim();
  if (task === '') {
    return {
      kind: 'exit',
      code: 2,
      message: `The task is empty: say what to do after the folder.\n${USAGE}`,
    };
  }
  if (!live) {
    return {
      kind: 'exit',
      code: 2,
      message: [
        `Offline (no MISTRAL_API_KEY), the coding helper only replays its scripted session on a copy of the`,
        `sample project: it cannot work on "${folder}" or on your task. Set MISTRAL_API_KEY to run a real model`,
        `on your folder, or run \`npm run example:coding\` with no arguments for the offline demo.`,
      ].join('\n'),
    };
  }
  return { kind: 'folder', root, task };
}
