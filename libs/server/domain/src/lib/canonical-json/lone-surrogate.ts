/**
 * True when `s` holds a UTF-16 surrogate without its partner. Such a string has no UTF-8
 * encoding, so it can be neither hashed nor signed as canonical JSON.
 *
 * A plain loop: the equivalent `/\p{Cs}/u` regex is several times slower on non-ASCII text.
 */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}
