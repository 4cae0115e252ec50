// A record's check on its bytes, with no string and no object made: valid UTF-8 and JSON
// (RFC 8259), a top-level object with one member whose key is written "id" and whose value is a
// string or a number. It answers only "yes, and the id is here"; anything else (an invalid
// record, an escaped key that may spell "id", nesting deeper than MAX_DEPTH) is "not sure", and
// record.ts then decides with JSON.parse and gives the problem. So it may turn down a valid
// record, never accept an invalid one.

/** Where the last accepted record's id value is: bytes [idFrom, idTo) of the bytes it was given. */
export const acceptedId = { idFrom: 0, idTo: 0 };

/** Containers open at once beyond which the check leaves the record to JSON.parse. */
const MAX_DEPTH = 256;

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c, MINUS = 0x2d;
const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d;
const FAIL = -1;

const isBlank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
const isContinuation = (c: number) => (c & 0xc0) === 0x80;

/** True when bytes[from, to) is a valid record with one "id" (then acceptedId says where); false: not sure. */
export function acceptRecord(bytes: Uint8Array, from: number, to: number): boolean {
  let i = skipBlanks(bytes, from, to);
  if (i >= to || bytes[i] !== OPEN_OBJECT) return false;
  let ids = 0;
  i = skipBlanks(bytes, i + 1, to);
  if (i < to && bytes[i] === CLOSE_OBJECT) return false; // no id
  for (;;) {
    if (i >= to || bytes[i] !== QUOTE) return false;
    const keyEnd = endOfString(bytes, i, to);
    if (keyEnd === FAIL) return false;
    const isId = keyEnd - i === 4 && bytes[i + 1] === 0x69 && bytes[i + 2] === 0x64;
    // An escape in a top-level key may spell "id": JSON.parse decides.
    for (let k = i + 1; k < keyEnd - 1; k++) if (bytes[k] === BACKSLASH) return false;
    i = skipBlanks(bytes, keyEnd, to);
    if (i >= to || bytes[i] !== COLON) return false;
    i = skipBlanks(bytes, i + 1, to);
    const valueFrom = i;
    i = endOfValue(bytes, i, to, 1);
    if (i === FAIL) return false;
    if (isId) {
      const c = bytes[valueFrom];
      if (++ids > 1 || !(c === QUOTE || c === MINUS || isDigit(c))) return false;
      acceptedId.idFrom = valueFrom - from;
      acceptedId.idTo = i - from;
    }
    i = skipBlanks(bytes, i, to);
    if (i < to && bytes[i] === COMMA) {
      i = skipBlanks(bytes, i + 1, to);
      continue;
    }
    if (i >= to || bytes[i] !== CLOSE_OBJECT) return false;
    return ids === 1 && skipBlanks(bytes, i + 1, to) === to;
  }
}

function skipBlanks(bytes: Uint8Array, i: number, to: number): number {
  while (i < to && isBlank(bytes[i])) i++;
  return i;
}

/** Just past the value at bytes[i], or FAIL. */
function endOfValue(bytes: Uint8Array, i: number, to: number, depth: number): number {
  if (i >= to) return FAIL;
  const c = bytes[i];
  if (c === QUOTE) return endOfString(bytes, i, to);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) return depth >= MAX_DEPTH ? FAIL : endOfContainer(bytes, i, to, depth + 1);
  if (c === MINUS || isDigit(c)) return endOfNumber(bytes, i, to);
  if (c === 0x74) return endOfWord(bytes, i, to, "true");
  if (c === 0x66) return endOfWord(bytes, i, to, "false");
  if (c === 0x6e) return endOfWord(bytes, i, to, "null");
  return FAIL;
}

/** Just past the object or array opened at bytes[i], or FAIL. */
function endOfContainer(bytes: Uint8Array, i: number, to: number, depth: number): number {
  const isObject = bytes[i] === OPEN_OBJECT;
  const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
  i = skipBlanks(bytes, i + 1, to);
  if (i < to && bytes[i] === close) return i + 1;
  for (;;) {
    if (isObject) {
      if (i >= to || bytes[i] !== QUOTE) return FAIL;
      i = endOfString(bytes, i, to);
      if (i === FAIL) return FAIL;
      i = skipBlanks(bytes, i, to);
      if (i >= to || bytes[i] !== COLON) return FAIL;
      i = skipBlanks(bytes, i + 1, to);
    }
    i = endOfValue(bytes, i, to, depth);
    if (i === FAIL) return FAIL;
    i = skipBlanks(bytes, i, to);
    if (i >= to) return FAIL;
    if (bytes[i] === close) return i + 1;
    if (bytes[i] !== COMMA) return FAIL;
    i = skipBlanks(bytes, i + 1, to);
  }
}

/** Just past the string opened at bytes[i] (its escapes and UTF-8 checked), or FAIL. */
function endOfString(bytes: Uint8Array, i: number, to: number): number {
  i++;
  while (i < to) {
    i = skipPlain(bytes, i, to);
    if (i >= to) return FAIL;
    const c = bytes[i];
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return FAIL;
    if (c === BACKSLASH) {
      if (i + 1 >= to) return FAIL;
      const e = bytes[i + 1];
      if (e === 0x75) {
        if (i + 5 >= to || !isHex(bytes[i + 2]) || !isHex(bytes[i + 3]) || !isHex(bytes[i + 4]) || !isHex(bytes[i + 5])) return FAIL;
        i += 6;
      } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
      } else {
        return FAIL;
      }
    } else if (c < 0x80) {
      i++;
    } else {
      i = endOfCharacter(bytes, i, to);
      if (i === FAIL) return FAIL;
    }
  }
  return FAIL;
}

/** A byte that stands for itself in a string: printable ASCII but '"' and '\\'. */
const isPlain = (c: number) => c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH;

/** The bytes' buffer as 32-bit words (the last buffer asked about: the check reads one block after another). */
let wordsOf: ArrayBufferLike | undefined;
let words: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

/**
 * The first byte at or after i, before `to`, that is not plain (or `to`). Most of a record is
 * plain text in strings: it is skipped four bytes at a time, a word with any byte below 0x20,
 * from 0x80, '"' or '\\' found by bit arithmetic (exact for "any"), then read byte by byte.
 */
function skipPlain(bytes: Uint8Array, i: number, to: number): number {
  const offset = bytes.byteOffset;
  while (i < to && ((offset + i) & 3) !== 0) {
    if (!isPlain(bytes[i])) return i;
    i++;
  }
  if (bytes.buffer !== wordsOf) {
    wordsOf = bytes.buffer;
    words = new Uint32Array(bytes.buffer, 0, bytes.buffer.byteLength >>> 2);
  }
  let w = (offset + i) >>> 2;
  const end = (offset + to) >>> 2; // the words wholly before `to`
  for (; w < end; w++) {
    const x = words[w];
    const quotes = x ^ 0x22222222;
    const backslashes = x ^ 0x5c5c5c5c;
    const special = ((x - 0x20202020) | x) // a byte below 0x20 or from 0x80
      | ((quotes - 0x01010101) & ~quotes) | ((backslashes - 0x01010101) & ~backslashes); // a zero byte: '"' or '\\'
    if ((special & 0x80808080) !== 0) break;
  }
  i = Math.max(i, w * 4 - offset);
  while (i < to && isPlain(bytes[i])) i++;
  return i;
}

/** Just past the well-formed UTF-8 character of two to four bytes at bytes[i], or FAIL (Unicode's table 3-7). */
function endOfCharacter(bytes: Uint8Array, i: number, to: number): number {
  const c = bytes[i];
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > to) return FAIL;
  const second = bytes[i + 1];
  // The second byte's range is narrower after these leads: no overlong form, no surrogate, nothing past U+10FFFF.
  const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return FAIL;
  for (let k = 2; k < n; k++) if (!isContinuation(bytes[i + k])) return FAIL;
  return i + n;
}

/** Just past the number at bytes[i] (RFC 8259's grammar), or FAIL. */
function endOfNumber(bytes: Uint8Array, i: number, to: number): number {
  if (bytes[i] === MINUS) i++;
  if (i >= to || !isDigit(bytes[i])) return FAIL;
  if (bytes[i] === 0x30) i++;
  else while (i < to && isDigit(bytes[i])) i++;
  if (i < to && bytes[i] === 0x2e) {
    i++;
    if (i >= to || !isDigit(bytes[i])) return FAIL;
    while (i < to && isDigit(bytes[i])) i++;
  }
  if (i < to && (bytes[i] | 0x20) === 0x65) {
    i++;
    if (i < to && (bytes[i] === 0x2b || bytes[i] === MINUS)) i++;
    if (i >= to || !isDigit(bytes[i])) return FAIL;
    while (i < to && isDigit(bytes[i])) i++;
  }
  return i;
}

/** Just past `word` written at bytes[i], or FAIL. */
function endOfWord(bytes: Uint8Array, i: number, to: number, word: string): number {
  if (i + word.length > to) return FAIL;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return FAIL;
  return i + word.length;
}
