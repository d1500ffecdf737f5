import type { ImagePart } from '../models/types.js';
import { imageSizeFromDataUrl } from './image-size.js';

/**
 * Pixel side of one image token after the vision encoder's 2x2 spatial merge: 14-pixel patches merged by 2
 * (mistral-common `ImageEncoder`, Pixtral / Mistral Small 3.1 `tekken.json`: `image_patch_size` 14,
 * `spatial_merge_size` 2). One token covers 28 x 28 = 784 pixels.
 */
export const IMAGE_TOKEN_PIXELS = 28;

/** Longest image side the encoder keeps before downscaling (Mistral Small 3.1 `max_image_size`: 1540). */
export const IMAGE_MAX_SIDE = 1540;

/**
 * Tokens for an image of unknown size: the most an image can cost (1540 x 1540 -> 55 rows of 55 tokens plus
 * one `[IMG_BREAK]`/`[IMG_END]` per row = 3,080). Over-counting is the safe side for fitting a window.
 */
export const UNKNOWN_IMAGE_TOKENS = imageTokens(IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);

/**
 * Tokens an image of `width` x `height` pixels costs: about W x H / 784, one token per 28 x 28 tile after
 * downscaling to at most 1540 pixels a side, plus one row-break token per row.
 */
export function imageTokens(width: number, height: number): number {
  if (!(width > 0 && height > 0)) return UNKNOWN_IMAGE_TOKENS;
  const scale = Math.max(1, width / IMAGE_MAX_SIDE, height / IMAGE_MAX_SIDE);
  const columns = Math.ceil(width / scale / IMAGE_TOKEN_PIXELS);
  const rows = Math.ceil(height / scale / IMAGE_TOKEN_PIXELS);
  return rows * (columns + 1);
}

/**
 * Tokens an image part costs: from its `width`/`height` when given, else from the header of a `data:` URL
 * (PNG, JPEG, WEBP, GIF), else {@link UNKNOWN_IMAGE_TOKENS}.
 */
export function imagePartTokens(part: ImagePart): number {
  if (part.width !== undefined && part.height !== undefined) return imageTokens(part.width, part.height);
  const size = imageSizeFromDataUrl(part.url);
  return size ? imageTokens(size.width, size.height) : UNKNOWN_IMAGE_TOKENS;
}
