import { z } from 'zod';
import { type FimResponse, type MistralProvider, tool, UserInputError } from '../../src/index.js';
import { readWorkspaceFile, writeWorkspaceFile } from '../../src/tools/builtin/index.js';

/** Records the usage of calls made outside the agent loop (FIM, predicted rewrites). */
export type UsageSink = (response: Pick<FimResponse, 'usage' | 'meta'>) => void;

/**
 * Fills the gap between `prompt` and `suffix` with Codestral's fill-in-the-middle endpoint
 * (`POST /v1/fim/completions`): the function form, usable without an agent.
 * @example const { text } = await fillInTheMiddle(provider, { prompt: 'function add(a, b) {\n', suffix: '\n}' });
 */
export async function fillInTheMiddle(
  provider: Pick<MistralProvider, 'fim'>,
  gap: { prompt: string; suffix: string; maxTokens?: number },
  options: { signal?: AbortSignal } = {},
): Promise<FimResponse> {
  return provider.fim(
    { model: 'codestral-latest', prompt: gap.prompt, suffix: gap.suffix, maxTokens: gap.maxTokens ?? 256 },
    options,
  );
}

/**
 * The tool form: replaces a marker comment in a workspace file with Codestral's FIM completion of the code
 * around it, and writes the file back. It writes, so it needs approval.
 */
export function fimTool(options: {
  provider: Pick<MistralProvider, 'fim'>;
  root: string;
  onUsage?: UsageSink;
}) {
  return tool({
    description:
      'Complete code inline with Codestral fill-in-the-middle: the marker (e.g. "/* fill */") in the file is replaced by code that fits between what comes before and after it. Needs approval.',
    parameters: z.object({
      path: z.string().describe('File path relative to the workspace root.'),
      marker: z
        .string()
        .min(1)
        .default('/* fill */')
        .describe('Text in the file to replace; must occur exactly once.'),
    }),
    needsApproval: true,
    execute: async (args, context) => {
      const file = await readWorkspaceFile(options.root, args.path);
      const parts = file.content.split(args.marker);
      if (parts.length !== 2) {
        throw new UserInputError(
          'invalid-input',
          `Marker ${JSON.stringify(args.marker)} occurs ${parts.length - 1} times in "${file.path}", not once.`,
          {
            hint: 'Put exactly one marker where the code should go.',
            path: 'marker',
          },
        );
      }
      const response = await fillInTheMiddle(
        options.provider,
        { prompt: parts[0]!, suffix: parts[1]! },
        { signal: context.signal },
      );
      options.onUsage?.(response);
      await writeWorkspaceFile(options.root, file.path, parts[0] + response.text.trim() + parts[1]);
      return `Filled ${file.path} with ${response.text.trim().split('\n').length} line(s):\n${response.text.trim()}`;
    },
  });
}
