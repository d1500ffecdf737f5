export { PROMPT_OVERHEAD_TOKENS } from './chat-template.js';
export { defaultTokenCounter } from './default-counter.js';
export { estimateTextTokens } from './estimate-text.js';
export { type ImageSize, imageSizeFromBytes, imageSizeFromDataUrl } from './image-size.js';
export { IMAGE_MAX_SIDE, imagePartTokens, imageTokens, UNKNOWN_IMAGE_TOKENS } from './image-tokens.js';
export type { CalibratingTokenCounter } from './message-counter.js';
export {
  createEstimatingCounter,
  createTokenCounter,
  type TextTokenizer,
  type TokenCounterOptions,
} from './token-counter.js';
export type { TokenCounter } from './types.js';
