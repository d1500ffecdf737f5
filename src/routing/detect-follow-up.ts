import { HASH_START, hashStep, hashWord } from './word-hash.js';

/** Turns longer than this (in UTF-16 units, trimmed) are never follow-ups. */
export const FOLLOW_UP_MAX_LENGTH = 32;

/**
 * Acknowledgements and continuation requests that say nothing about the task, in the languages dragoman
 * targets. A turn made only of these words (and digits, punctuation, emoji) keeps the previous route.
 */
const ACKS = `
ok okay k kk yes yep yeah no nope sure thanks thank you thx ty great good nice cool fine perfect right
continue go on more next again please pls and then done got it alright correct exactly agreed lol wow
oui non merci super daccord d accord parfait continue suite encore bien vas y
sí si no gracias vale bueno perfecto continúa continua sigue más mas claro
ja nein danke gut weiter genau super prima bitte
да нет спасибо ок хорошо понятно продолжай продолжи дальше ещё еще отлично
نعم لا شكرا شكراً تمام طيب حسنا حسناً اوكي أوكي كمل أكمل اكمل استمر تابع ممتاز زين ماشي يلا ايوه اه
بله نه ممنون مرسی باشه ادامه خوب عالی
جی ہاں نہیں شکریہ ٹھیک ہے اچھا جاری رکھیں
হ্যাঁ না ধন্যবাদ ঠিক আছে
हाँ हां नहीं धन्यवाद ठीक है आगे
好 好的 谢谢 继续 是 对 嗯 行 はい ありがとう 続けて
`;

function fold(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0x410 && code <= 0x42f) return code + 32;
  if (code === 0x2019 || code === 0x27) return -1;
  if ((code >= 0x64b && code <= 0x65f) || code === 0x640) return -1;
  return code;
}

// Built once at module load; read-only afterwards.
const ACK_WORDS = new Set<number>();
for (const word of ACKS.split(/\s+/)) if (word.length > 0) ACK_WORDS.add(hashWord(word, fold));

/** True for code units that separate words here: spaces, ASCII punctuation and symbols, CJK punctuation. */
function isSeparator(code: number): boolean {
  if (code <= 0x40) return true; // controls, space, digits, punctuation
  if (code >= 0x5b && code <= 0x60) return true;
  if (code >= 0x7b && code <= 0xbf) return true;
  if (code === 0x60c || code === 0x61f || code === 0x6d4 || code === 0x964) return true; // ، ؟ ۔ ।
  if (code >= 0x2000 && code <= 0x2bff) return true; // punctuation, symbols, arrows, dingbats
  if (code >= 0x3000 && code <= 0x303f) return true; // CJK punctuation
  if (code >= 0xff01 && code <= 0xff0f) return true; // ！ ， etc.
  if (code === 0xff1f || code === 0xfe0f || code === 0x200d) return true;
  return code >= 0xd800 && code <= 0xdfff; // astral characters: emoji
}

/**
 * True when a user turn is a short follow-up ("ok", "thanks", "continue", "شكرا", "2", "👍"): only
 * acknowledgement words, digits, punctuation and emoji, in at most {@link FOLLOW_UP_MAX_LENGTH} characters.
 * An empty turn is not a follow-up (there is nothing to follow).
 */
export function isFollowUp(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > FOLLOW_UP_MAX_LENGTH) return false;
  let hash = HASH_START;
  let length = 0;
  for (let index = 0; index <= trimmed.length; index++) {
    const code = index < trimmed.length ? trimmed.charCodeAt(index) : 0x20;
    if (isSeparator(code)) {
      if (length > 0 && !ACK_WORDS.has(hash)) return false;
      hash = HASH_START;
      length = 0;
      continue;
    }
    const folded = fold(code);
    if (folded < 0) continue;
    hash = hashStep(hash, folded);
    length++;
  }
  return true;
}
