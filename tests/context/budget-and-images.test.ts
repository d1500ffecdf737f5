import { describe, expect, it } from 'vitest';
import { budgetFor, DEFAULT_OUTPUT_RESERVE, shrinkBudgetForOverflow } from '../../src/context/index.js';
import {
  imagePartTokens,
  imageSizeFromBytes,
  imageSizeFromDataUrl,
  imageTokens,
  UNKNOWN_IMAGE_TOKENS,
} from '../../src/tokens/index.js';

const dataUrl = (mime: string, bytes: number[]) =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
const be32 = (value: number) => [
  (value >>> 24) & 255,
  (value >>> 16) & 255,
  (value >>> 8) & 255,
  value & 255,
];
const le16 = (value: number) => [value & 255, (value >>> 8) & 255];
const le24 = (value: number) => [value & 255, (value >>> 8) & 255, (value >>> 16) & 255];
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

const png = (width: number, height: number) => [
  0x89,
  ...ascii('PNG\r\n'),
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  ...ascii('IHDR'),
  ...be32(width),
  ...be32(height),
  8,
  6,
  0,
  0,
  0,
];
const gif = (width: number, height: number) => [...ascii('GIF89a'), ...le16(width), ...le16(height), 0, 0, 0];
const jpeg = (width: number, height: number) => [
  0xff,
  0xd8,
  0xff,
  0xe0,
  0,
  16,
  ...ascii('JFIF'),
  0,
  1,
  1,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  0xff,
  0xc0,
  0,
  17,
  8,
  (height >> 8) & 255,
  height & 255,
  (width >> 8) & 255,
  width & 255,
  3,
  0,
  0,
  0,
  0,
  0,
  0,
];
const webpLossless = (width: number, height: number) => {
  const bits = (width - 1) | ((height - 1) << 14);
  return [
    ...ascii('RIFF'),
    0,
    0,
    0,
    0,
    ...ascii('WEBPVP8L'),
    0,
    0,
    0,
    0,
    0x2f,
    ...be32(bits).reverse(),
    0,
    0,
    0,
    0,
    0,
  ];
};
const webpExtended = (width: number, height: number) => [
  ...ascii('RIFF'),
  0,
  0,
  0,
  0,
  ...ascii('WEBPVP8X'),
  10,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  ...le24(width - 1),
  ...le24(height - 1),
];

describe('image size and tokens', () => {
  it.each([
    ['PNG', 'image/png', png(1024, 768)],
    ['GIF', 'image/gif', gif(1024, 768)],
    ['JPEG', 'image/jpeg', jpeg(1024, 768)],
    ['WEBP lossless', 'image/webp', webpLossless(1024, 768)],
    ['WEBP extended', 'image/webp', webpExtended(1024, 768)],
  ])('reads the size of a %s data URL', (_name, mime, bytes) => {
    expect(imageSizeFromDataUrl(dataUrl(mime, bytes))).toEqual({ width: 1024, height: 768 });
  });

  it('returns undefined for URLs and bytes it cannot read', () => {
    expect(imageSizeFromDataUrl('https://example.com/a.png')).toBeUndefined();
    expect(imageSizeFromDataUrl('data:image/png;base64,!!!!')).toBeUndefined();
    expect(imageSizeFromDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(imageSizeFromBytes(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('costs one token per 28x28 tile plus a break per row, downscaled to 1540 a side', () => {
    expect(imageTokens(28, 28)).toBe(2);
    expect(imageTokens(1024, 768)).toBe(28 * (37 + 1));
    expect(imageTokens(1540, 1540)).toBe(55 * 56);
    expect(imageTokens(4000, 4000)).toBe(55 * 56);
    expect(imageTokens(3080, 1540)).toBe(28 * 56);
    expect(UNKNOWN_IMAGE_TOKENS).toBe(3_080);
  });

  it('prices image parts from their size, their data URL header, or the safe maximum', () => {
    expect(imagePartTokens({ type: 'image', url: 'https://x/y.png', width: 280, height: 280 })).toBe(110);
    expect(imagePartTokens({ type: 'image', url: dataUrl('image/png', png(280, 280)) })).toBe(110);
    expect(imagePartTokens({ type: 'image', url: 'https://x/y.png' })).toBe(UNKNOWN_IMAGE_TOKENS);
  });
});

describe('budgets', () => {
  it('budgetFor reserves maxTokens (default 4096) and keeps tools only when there are some', () => {
    expect(budgetFor({ contextWindow: 32_768 })).toEqual({
      contextWindow: 32_768,
      reserveOutput: DEFAULT_OUTPUT_RESERVE,
    });
    const tools = [{ name: 't', description: 'd', parameters: { type: 'object' } }];
    expect(budgetFor({ contextWindow: 131_072, maxTokens: 1_000, tools })).toEqual({
      contextWindow: 131_072,
      reserveOutput: 1_000,
      tools,
    });
    expect(budgetFor({ contextWindow: 131_072, tools: [] }).tools).toBeUndefined();
  });

  it('shrinkBudgetForOverflow uses the reported limit and our undercount', () => {
    const budget = budgetFor({ contextWindow: 262_144, maxTokens: 4_096 });
    expect(
      shrinkBudgetForOverflow(budget, { maxContextTokens: 131_072, promptTokens: 140_000 }, 125_000),
    ).toEqual({
      ...budget,
      contextWindow: Math.floor(131_072 / (140_000 / 125_000)),
    });
    expect(shrinkBudgetForOverflow(budget, { maxContextTokens: 131_072 }, 0).contextWindow).toBe(131_072);
    expect(shrinkBudgetForOverflow(budget, {}, 100)).toBe(budget);
  });
});
