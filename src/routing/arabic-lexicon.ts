/**
 * Evidence for the Arabic-versus-other-Arabic-script discriminator: letters and function words that one
 * language uses and the others rarely do. Written from the languages' orthographies and grammars (not
 * learned from, or looked up in, any evaluation set). See docs/routing.md for the design.
 * @module
 */

/** Which language family a piece of evidence points to. */
export enum Side {
  arabic = 0,
  persian = 1,
  urdu = 2,
  pashto = 3,
  other = 4,
  /** Persian, Urdu and Pashto share it: evidence against Arabic without naming one of them. */
  shared = 5,
  /** Malay and its neighbours (Banjar, Acehnese, Minangkabau) in Jawi script. */
  jawi = 6,
}

/** Letters (code point, side, weight). Weights: 3 = never Arabic, 1-2 = rare in Arabic, <1 = a tendency. */
export const LETTER_EVIDENCE: ReadonlyArray<readonly [number, Side, number]> = [
  // Arabic-only orthography: taa marbuta, alef maksura, tanwin, hamza seats.
  [0x629, Side.arabic, 2],
  [0x649, Side.arabic, 1.5],
  [0x64b, Side.arabic, 1],
  [0x64c, Side.arabic, 1],
  [0x64d, Side.arabic, 1],
  [0x623, Side.arabic, 0.7],
  [0x625, Side.arabic, 1],
  [0x624, Side.arabic, 0.5],
  // Arabic yeh and kaf: Persian and Urdu write ی and ک, except in old encodings, so only a tendency.
  [0x64a, Side.arabic, 0.3],
  [0x643, Side.arabic, 0.3],
  // Alef madda opens many Persian words (آن، آب، آمد); Arabic uses it in a handful.
  [0x622, Side.persian, 0.3],
  // Farsi yeh and keheh: Persian, Urdu, Pashto, and more.
  [0x6cc, Side.shared, 2],
  [0x6a9, Side.shared, 2],
  // peh, tcheh, gaf: Persian and Urdu letters that Gulf, Iraqi and Levantine Arabic also borrow for p/ch/g.
  [0x67e, Side.shared, 1],
  [0x686, Side.shared, 1],
  [0x6af, Side.shared, 1],
  [0x698, Side.persian, 2], // jeh
  [0x6c0, Side.persian, 2], // heh with yeh above (ezafe)
  // Urdu (and Punjabi Shahmukhi, Sindhi partly): retroflex letters, bari yeh, noon ghunna, heh goal.
  [0x6d2, Side.urdu, 3],
  [0x6d3, Side.urdu, 3],
  [0x6ba, Side.urdu, 3],
  [0x679, Side.urdu, 3],
  [0x688, Side.urdu, 3],
  [0x691, Side.urdu, 3],
  [0x6c1, Side.urdu, 3],
  [0x6c2, Side.urdu, 3],
  [0x6c3, Side.urdu, 2],
  [0x6be, Side.urdu, 2], // heh doachashmee (also Uyghur, Kurdish)
  // Pashto.
  [0x67c, Side.pashto, 3],
  [0x681, Side.pashto, 3],
  [0x685, Side.pashto, 3],
  [0x689, Side.pashto, 3],
  [0x693, Side.pashto, 3],
  [0x696, Side.pashto, 3],
  [0x69a, Side.pashto, 3],
  [0x6bc, Side.pashto, 3],
  [0x6cd, Side.pashto, 3],
  [0x6d0, Side.pashto, 3], // also Uyghur
  // Uyghur, Kurdish (Sorani), Sindhi, and other Arabic-script orthographies.
  ...[0x6d5, 0x6c6, 0x6c7, 0x6c8, 0x6cb, 0x6c9, 0x6c5, 0x6ad, 0x6ce, 0x6b5, 0x695].map(
    (code) => [code, Side.other, 3] as const,
  ),
  ...[
    0x67b, 0x680, 0x67a, 0x67d, 0x67f, 0x684, 0x683, 0x687, 0x68a, 0x68c, 0x68d, 0x68f, 0x699, 0x6a6, 0x6aa,
    0x6b3, 0x6b1, 0x6bb,
  ].map((code) => [code, Side.other, 3] as const),
  // Jawi (Malay, Banjar, Acehnese): nga ڠ, pa ڤ, nya ڽ, ga ڬ, va ۏ (and ga ݢ, JAWI_GA, outside this block).
  // No Arabic variety writes them.
  ...[0x6a0, 0x6a4, 0x6bd, 0x6ac, 0x6cf].map((code) => [code, Side.jawi, 3] as const),
  // Extended Arabic-Indic digits ۰-۹ (Persian, Urdu); Arabic uses ٠-٩.
  ...Array.from({ length: 10 }, (_, digit) => [0x6f0 + digit, Side.shared, 1] as const),
];

/** Jawi ga ݢ (U+0762), in the Arabic Supplement block: evidence for {@link Side.jawi}. */
export const JAWI_GA = 0x762;

/** Weight of one zero-width non-joiner (U+200C), which Persian uses inside words (`می‌خواهم`). */
export const ZWNJ_WEIGHT = 2;

/**
 * Letter counts are damped before weighing (1, 2, 2.6, 3, ... = 1 + log2 n), so one keyboard habit
 * repeated (an Urdu heh goal typed for every final ه in an Arabic tweet) cannot outvote the words.
 */
export function dampCount(count: number): number {
  return count <= 1 ? count : 1 + Math.log2(count);
}

/**
 * Weight of a dialect negation word: م or ما (optionally after و) opening a word of 5+ letters that
 * ends in ش (Egyptian, Levantine and Maghrebi "ma-...-sh": مفهمتش، مانسمحوش).
 */
export const NEGATION_WEIGHT = 1.5;

/** Weight of a word starting with the article ال (or و/ب/ف/ك + ال, or لل), 4+ letters. */
export const ARTICLE_WEIGHT = 0.6;

const ARABIC_WORDS_STRONG =
  'في فى من_ على الى إلى عن أن لم لن هذا هذه ذلك تلك التي الذي الذين كانت قد بين كل بعد عند حتى ثم ' +
  'ماذا كيف لماذا متى نحن أنت انت ليس لقد منذ عليه عليها لها فيه فيها منه منها هناك هنا أكثر أيضا حيث ' +
  'وقد وهو وهي ولا وفي ومن لكن ولكن كما إذا اذا عندما لدى ضد خلال حول دون غير يكون تكون يمكن';
const ARABIC_WORDS_WEAK = 'هو هي كان لا أنا انا يا مع أو له الله إنه انه';
// Dialect function words and markers (Egyptian, Levantine, Gulf, Iraqi, Maghrebi).
const ARABIC_DIALECT =
  'مش ده دي كده كدة عايز عاوز ايه إيه ازاي إزاي اللي الي بس كمان يعني عشان علشان اوي أوي بتاع دلوقتي ' +
  'شو هيك ليش بدي هلق هلأ كتير منيح مو وش ليه شلون اكو ماكو هسه هواية زين وايد حيل ابي ابغى أبغى ' +
  'هاد هادا ديال بزاف واش كيفاش دابا برشا شنو علاش ياسر توا راني نحب والله';

const PERSIAN_WORDS =
  'در از را است این آن برای براي می نمی شد بود یک يك که كه خود های شده کرد كرد کند كند شود تا اما ' +
  'یا چه ولی همه پس نیز دیگر باید شما آنها وی اند ای هست نیست';
// Persian prepositions that Arabic also writes as words (به "with it", بر "land"): weaker evidence.
const PERSIAN_WEAK = 'به بر';
const URDU_WORDS = 'اور کے کی کا میں ہے ہیں سے نے کو یہ وہ پر بھی تھا تھی تھے گا گی ہو کر جو لیے کیا ساتھ';
const PASHTO_WORDS = 'د په چې دې کې ته دا';
// Malay function words in Jawi spelling that carry no Jawi-only letter (dan, itu, ada, akan, untuk, tidak,
// dari, boleh, sudah, saya, atau, dalam, kita, kami, mereka, sebuah, semua, ialah, iaitu, oleh, juga).
const JAWI_WORDS =
  'دان ايت اد اكن اونتوق تيدق دري بوليه سوده ساي اتاو دالم كيت كامي مريك سبواه سموا اياله ايايت اوليه جوݢ';

/** Function words as `[word, side, weight]`. A word ending in `_` is neutral (listed to document it). */
export function functionWords(): Array<readonly [string, Side, number]> {
  const entries: Array<readonly [string, Side, number]> = [];
  const add = (list: string, side: Side, weight: number) => {
    for (const word of list.split(' ')) {
      if (word.length > 0 && !word.endsWith('_')) entries.push([word, side, weight]);
    }
  };
  add(ARABIC_WORDS_STRONG, Side.arabic, 2);
  add(ARABIC_WORDS_WEAK, Side.arabic, 1);
  add(ARABIC_DIALECT, Side.arabic, 2);
  add(PERSIAN_WORDS, Side.persian, 2);
  add(PERSIAN_WEAK, Side.persian, 1);
  add(URDU_WORDS, Side.urdu, 2);
  add(PASHTO_WORDS, Side.pashto, 1.5);
  add(JAWI_WORDS, Side.jawi, 2);
  return entries;
}
