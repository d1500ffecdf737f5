import { prettifyError } from 'zod/v4/core';

interface ParsableSchema {
  safeParseAsync(
    value: unknown,
  ): Promise<{ success: true; data: unknown } | { success: false; error: object }>;
}

/** A parsed final answer, or why it did not parse. */
export type OutputParse = { ok: true; value: unknown } | { ok: false; issues: string };

/**
 * Parses the model's final text as JSON and checks it with the agent's output schema. Tolerates a Markdown
 * code fence around the JSON (some models add one even in JSON mode).
 */
export async function parseOutput(schema: unknown, text: string): Promise<OutputParse> {
  const json = text.trim().replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/, '$1');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return {
      ok: false,
      issues: `the answer is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return checkOutput(schema, value);
}

/** Checks an answer already parsed from JSON with the agent's output schema (a text answer or a `final_answer` call). */
export async function checkOutput(schema: unknown, value: unknown): Promise<OutputParse> {
  const parsed = await (schema as ParsableSchema).safeParseAsync(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: prettifyError(parsed.error as Parameters<typeof prettifyError>[0]) };
}
