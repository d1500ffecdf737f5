export { DEFAULT_RESPONSE_LIMITS, type ResponseLimits, resolveLimits } from './limits.js';
export { type ReadOptions, readChunks, readText, tooLarge } from './read-chunks.js';
export { readJson } from './read-json.js';
export { readSseData, type SseData } from './read-sse.js';
export {
  droppedMidStream,
  type FetchFunction,
  type HttpCall,
  readOptions,
  send,
  type Transport,
  toTransportError,
} from './send.js';
