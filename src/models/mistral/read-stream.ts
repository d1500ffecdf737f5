/**
 * Reads Mistral's event stream into neutral deltas: each SSE event is one JSON chunk, `[DONE]` ends it.
 * @module
 */
import { ConnectionError } from '../../errors.js';
import { type ReadOptions, readSseData } from '../transport/index.js';
import type { StreamDelta } from '../types.js';
import type { StreamAssembler } from './stream-assembler.js';
import type { WireStreamChunk } from './wire-types.js';

function parseChunk(data: string, what: string, atEnd: boolean): WireStreamChunk {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    // An event cut off by the end of the body is a dropped connection, not a server bug.
    if (atEnd) return {};
    throw new ConnectionError(
      'malformed-response',
      `${what} sent a stream event that is not JSON: ${data.slice(0, 80)}`,
      {
        cause: error,
        hint: 'The server sent malformed JSON; check serverURL points at a Mistral-compatible API.',
      },
    );
  }
  const chunk = json as WireStreamChunk | null;
  if (
    typeof chunk !== 'object' ||
    chunk === null ||
    (chunk.choices != null && !Array.isArray(chunk.choices))
  ) {
    throw new ConnectionError(
      'malformed-response',
      `${what} sent a stream event of an unexpected shape: ${data.slice(0, 80)}`,
      {
        hint: 'Check serverURL points at a Mistral-compatible API.',
      },
    );
  }
  return chunk;
}

/** Yields the deltas of one stream body, batch by batch (one batch per event that carried any). */
export async function* readMistralStream(
  body: ReadableStream<Uint8Array>,
  assembler: StreamAssembler,
  options: ReadOptions,
): AsyncGenerator<StreamDelta[]> {
  for await (const { data, atEnd } of readSseData(body, options)) {
    if (data === '[DONE]') return;
    if (data === '') continue;
    const deltas = assembler.push(parseChunk(data, options.what, atEnd));
    if (deltas.length > 0) yield deltas;
  }
}
