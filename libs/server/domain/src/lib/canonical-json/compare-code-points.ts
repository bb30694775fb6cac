/**
 * Orders strings by Unicode code point, as canonical JSON sorts keys.
 *
 * JavaScript's own string order compares UTF-16 code units, which disagrees with code point
 * order in one place: a surrogate (0xD800–0xDFFF, i.e. a character above U+FFFF) sorts
 * before U+E000–U+FFFF by code unit but after it by code point. So "\u{1F600}" < "\uFF61"
 * in JS, yet U+1F600 > U+FF61.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below 0xD800 on either side, code unit order already is code point order.
    if (x >= 0xd800 && y >= 0xd800) return rankAboveD800(x) - rankAboveD800(y);
    return x - y;
  }
  return a.length - b.length;
}

/** Moves surrogates after U+E000–U+FFFF while keeping order within each group. */
function rankAboveD800(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
