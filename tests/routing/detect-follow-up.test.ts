import { describe, expect, it } from 'vitest';
import { isFollowUp } from '../../src/routing/detect-follow-up.js';

describe('isFollowUp', () => {
  it.each([
    'ok',
    'OK!',
    'thanks',
    'Thank you.',
    'continue',
    'go on',
    'شكرا',
    'شكراً جزيلاً'.slice(0, 6),
    'تمام',
    'merci',
    'спасибо',
    '好的',
    '2',
    '42.',
    '👍',
    '🙏🏽',
    '...',
    'ok 👍',
    'yes, continue',
  ])('%s keeps the route', (text) => {
    expect(isFollowUp(text)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'ok, now write it in Rust',
    'thanks, what about Paris?',
    'كيف حالك',
    'continue the story with a dragon and a knight who fight',
  ])('%s does not', (text) => {
    expect(isFollowUp(text)).toBe(false);
  });
});
