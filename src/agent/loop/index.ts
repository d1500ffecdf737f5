export type { LoopOptions } from './run-frame.js';
export { runLoop } from './run-loop.js';
