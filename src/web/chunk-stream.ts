import type { AgentEvent } from '../agent/events.js';
import { type ChunkEncoderOptions, createChunkEncoder } from './event-chunks.js';
import type { UIMessageChunk } from './types.js';

/** Options of {@link toUIMessageChunks} and `toResponse`. */
export interface ChunkStreamOptions extends ChunkEncoderOptions {
  /**
   * Aborted when the reader cancels the stream (the browser went away). Pass the same controller's signal
   * to `stream(agent, input, { signal })` so the model call and running tools stop at once; without it the
   * run stops at its next event.
   */
  abortController?: AbortController;
}

/**
 * A run's events as a `ReadableStream` of AI SDK UI message chunks. Pull-based, so it is backpressured:
 * the run advances only as fast as the reader takes chunks, and nothing is buffered beyond one event.
 * Cancelling the stream aborts the run (see `abortController`) and stops iterating its events.
 * @example
 * const chunks = toUIMessageChunks(stream(agent, 'مرحبا'));
 * for await (const chunk of chunks) console.log(chunk.type);
 */
export function toUIMessageChunks(
  events: AsyncIterable<AgentEvent>,
  options: ChunkStreamOptions = {},
): ReadableStream<UIMessageChunk> {
  return pullStream(events, options, (chunks, controller) => {
    for (const chunk of chunks) controller.enqueue(chunk);
  });
}

/** The shared pull loop: one event per pull, its chunks handed to `emit`; errors end the message in-band. */
export function pullStream<Out>(
  events: AsyncIterable<AgentEvent>,
  options: ChunkStreamOptions,
  emit: (chunks: UIMessageChunk[], controller: ReadableStreamDefaultController<Out>) => void,
  onClose?: (controller: ReadableStreamDefaultController<Out>) => void,
): ReadableStream<Out> {
  const encoder = createChunkEncoder(options);
  let iterator: AsyncIterator<AgentEvent> | undefined;
  return new ReadableStream<Out>(
    {
      async pull(controller) {
        iterator ??= events[Symbol.asyncIterator]();
        // Events that map to no chunk (listener errors) must not leave a pull without output.
        for (;;) {
          let next: IteratorResult<AgentEvent>;
          try {
            next = await iterator.next();
          } catch (error) {
            emit(encoder.fail(error), controller);
            onClose?.(controller);
            controller.close();
            return;
          }
          if (next.done) {
            onClose?.(controller);
            controller.close();
            return;
          }
          const chunks = encoder.encode(next.value);
          if (chunks.length > 0) {
            emit(chunks, controller);
            return;
          }
        }
      },
      async cancel(reason) {
        options.abortController?.abort(reason);
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
