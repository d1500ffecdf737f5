/**
 * Evidence that Latin-script text is Arabizi (Arabic written in Latin letters, "ana 3ayez a3raf"):
 * digits standing for Arabic letters inside words (2 ء, 3 ع, 5 خ, 7 ح, 8 غ, 9 ق) and dialect words that
 * no Latin-script language spells the same way. Written from the conventions of Arabizi, not learned.
 * @module
 */
import { FNV_PRIME, HASH_START, hashWord } from '../word-hash.js';

// Local copies: the scan below runs per character, and a module-local constant is the cheapest to read.
const WORD_START = HASH_START;

const ARABIZI_WORDS = `
wach wech wesh chkoun chkon chnou chno chnowa kifach kifech 3lach 3lech bzaf bezaf barcha barsha brcha dyal
dial mazal mazel rahi rahou rani raho hadchi hadak hadik daba tawa lyoum ghadi ghir walakin wella 3la 3ala
fiha mnin kayn kayna kayen makaynch machi mech mouch mahich nchallah inchallah nshallah incha wlh wallah
wallahi khouya khoya sahbi sa7bi hamdoullah lhamdoulah hamdullah mabrouk bslama beslama yaatik yatik sa7a
s7i7 zwin zwina mzyan mzyana bghit bghina nhebek nhebbek n7ebek n7eb nheb kolchi kolshi koulchi chwiya chwia
chouia houni hnaya lahna ezayak ezayek izayak 3amel 3amla keda kda msh mesh mish 3ayez 3ayza 3awz 3awza
delwa2ty awi 2wi ba2a leh feen ehna e7na enti enta homa yalla yallah habibi 7abibi ma3lesh ma3lsh khalas
5alas tayeb tayyeb 7aga 7aja bta3 beta3 shu shou kifak kifik badde baddi ktir kteer mnih mni7 halla2 heik
lesh leish wein ween shlonak wayed mashallah inshallah insha2allah ya3ni yaani 3andi 3andek 3ndi kifech
nta nti ntouma 7na ahna hiya howa houwa
`;

const WORDS = new Set<number>();
const lower = (code: number) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
for (const word of ARABIZI_WORDS.split(/\s+/)) if (word.length > 0) WORDS.add(hashWord(word, lower));

function isLatinLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Digits Arabizi uses for letters Latin lacks. */
function isArabiziDigit(code: number): boolean {
  return code === 0x32 || code === 0x33 || code === 0x35 || code === 0x37 || code === 0x38 || code === 0x39;
}

/** Arabizi evidence in one text: words with letter-digits, and dialect words, counted. */
export interface ArabiziEvidence {
  digitWords: number;
  dialectWords: number;
}

/** Counts Arabizi evidence in one pass over `text`. */
export function arabiziEvidence(text: string): ArabiziEvidence {
  let digitWords = 0;
  let dialectWords = 0;
  let hash = WORD_START;
  let letters = 0;
  let digits = 0;
  let mixed = false;
  let previous = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index === text.length ? 0x20 : text.charCodeAt(index);
    if (isLatinLetter(code)) {
      if (digits > 0 && isArabiziDigit(previous)) mixed = true;
      letters++;
      hash = Math.imul(hash ^ lower(code), FNV_PRIME);
    } else if (code >= 0x30 && code <= 0x39) {
      if (letters > 0 && isArabiziDigit(code)) mixed = true;
      digits++;
      hash = Math.imul(hash ^ code, FNV_PRIME);
    } else {
      // A word ends (inline, not a closure: this runs per character).
      if (letters > 0 && WORDS.has(hash)) dialectWords++;
      if (mixed && letters >= 1 && letters + digits >= 3) digitWords++;
      hash = WORD_START;
      letters = 0;
      digits = 0;
      mixed = false;
    }
    previous = code;
  }
  return { digitWords, dialectWords };
}
