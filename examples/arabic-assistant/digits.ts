/** Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic (U+06F0–U+06F9, Persian/Urdu) digit zeros. */
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * Replaces Arabic-Indic digits (٠–٩) and Extended Arabic-Indic digits (۰–۹) with ASCII 0–9, and the Arabic
 * decimal separator (٫) with `.`, so "١٤٤٦/٠٩/٠١" can be parsed as a date. Other text is unchanged.
 */
export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u066b]/gu, (character) => {
    const code = character.codePointAt(0)!;
    if (code === 0x066b) return '.';
    const zero = code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/** Replaces ASCII digits 0–9 with Arabic-Indic digits ٠–٩ (the form used in Arabic text in the Gulf and Levant). */
export function toArabicIndicDigits(text: string): string {
  return text.replace(/[0-9]/gu, (digit) => String.fromCodePoint(ARABIC_INDIC_ZERO + Number(digit)));
}
