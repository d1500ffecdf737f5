import { z } from 'zod';
import { type MistralProvider, messageText, tool } from '../../src/index.js';
import { readWorkspaceFile, writeWorkspaceFile } from '../../src/tools/builtin/index.js';
import type { UsageSink } from './fim.js';

/**
 * A whole-file rewrite with a predicted output: the current file is sent as Mistral's `prediction`, so the
 * unchanged parts of the answer come back fast. Worth it for small edits scattered over a file, where the
 * new file is mostly the old one. It writes, so it needs approval.
 */
export function rewriteFileTool(options: { provider: MistralProvider; root: string; onUsage?: UsageSink }) {
  return tool({
    description:
      'Rewrite a whole file following instructions (rename a symbol everywhere, reformat, add comments). Uses predicted outputs, so it is fast when most of the file stays the same. Needs approval.',
    parameters: z.object({ path: z.string(), instructions: z.string().min(1) }),
    needsApproval: true,
    execute: async (args, context) => {
      const file = await readWorkspaceFile(options.root, args.path);
      const model = options.provider('codestral-latest');
      const response = await model.generate(
        {
          messages: [
            {
              role: 'system',
              content:
                'You rewrite files. Answer with the complete new file only, no explanations, no code fences.',
            },
            {
              role: 'user',
              content: `Instructions: ${args.instructions}\n\nFile ${file.path}:\n${file.content}`,
            },
          ],
          settings: { prediction: file.content, temperature: 0 },
        },
        { signal: context.signal },
      );
      options.onUsage?.(response);
      const text = stripFences(messageText(response.message));
      const written = await writeWorkspaceFile(options.root, file.path, text);
      return `Rewrote ${written.path} (${written.bytes} bytes).`;
    },
  });
}

/** Removes a Markdown code fence around a whole answer, which models add despite being asked not to. */
export function stripFences(text: string): string {
  const fenced = /^\s*```[\w-]*\n([\s\S]*?)\n```\s*$/u.exec(text);
  return fenced ? `${fenced[1]}\n` : text;
}
