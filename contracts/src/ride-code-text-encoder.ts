/**
 * Loaded before @noble/curves (see ride-code.ts): the library encodes a few constant labels with
 * TextEncoder as it loads, and not every runtime the apps run in has one (some mini-program base
 * libraries, jsdom). Where it is missing, a UTF-8-only stand-in is installed; nothing changes where
 * it exists.
 */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

const scope = globalThis as { TextEncoder?: unknown };
if (typeof scope.TextEncoder === 'undefined') {
  scope.TextEncoder = class TextEncoder {
    readonly encoding = 'utf-8';
    encode(text = ''): Uint8Array {
      return utf8(String(text));
    }
  };
}

export { utf8 as utf8Encode };
