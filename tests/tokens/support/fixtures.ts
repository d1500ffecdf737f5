import { readFileSync } from 'node:fs';

/** Reads a JSON fixture from ../shared/fixtures (relative to the repository root). */
export function readFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(fixtureUrl(relativePath), 'utf8')) as T;
}

/** URL of a file in ../shared/fixtures. */
export function fixtureUrl(relativePath: string): URL {
  return new URL(`../../../../shared/fixtures/${relativePath}`, import.meta.url);
}

/** The Tekken vectors file (see its README). */
export interface TekkenVectors {
  text_vectors: Array<{ text: string; ids: number[] }>;
  hash_vectors: Array<{
    text: string;
    add_bos: boolean;
    expected_sha256_of_python_str_of_ids: string;
    expected_length: number;
  }>;
  full_chat_vector: { decoded_text: string; token_ids: number[] };
  self_computed: { vectors: Array<{ text: string; ids: number[] }> };
}

/** One line of langid-eval.jsonl. */
export interface LangidLine {
  id: string;
  lang: string;
  kind: string;
  text: string;
}

/** All lines of ../shared/fixtures/langid/langid-eval.jsonl. */
export function readLangid(): LangidLine[] {
  return readFileSync(fixtureUrl('langid/langid-eval.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as LangidLine);
}
