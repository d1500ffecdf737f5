/** Rust `regex` `\s` (Unicode White_Space). JavaScript's `\s` differs (adds U+FEFF, lacks U+0085). */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';

/** Rewrites the Rust-regex pattern for JavaScript's `u` flag, giving `\s`/`\S` Rust's meaning. */
export function toJavaScriptPattern(pattern: string): string {
  return pattern
    .replaceAll('[^\\s', `[^${WHITE_SPACE}`)
    .replaceAll('\\s', `[${WHITE_SPACE}]`)
    .replaceAll('\\S', `[^${WHITE_SPACE}]`);
}
