// Checks one record (the text after a line's first colon): valid UTF-8, a JSON object
// (RFC 8259), with exactly one "id" member whose value is a string or a number.
// Returns where the id's JSON text is in the bytes, so a long numeric id keeps all its digits.
// ignoreBOM: a BOM in a record is not JSON (RFC 8259 whitespace); without it TextDecoder drops a leading one.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Where the id's JSON text is (bytes [idFrom, idTo) of the record), or why the record is invalid. */
export type RecordCheck = { idFrom: number; idTo: number } | { problem: string };

/** Where the last record recordProblem found valid has its id (relative to its `from`). */
export const acceptedId = { idFrom: 0, idTo: 0 };

/**
 * Checks the record bytes[from, to): null when it is valid (its id's value is then at
 * acceptedId, relative to `from`), else its problem.
 */
export function recordProblem(bytes: Uint8Array, from: number, to: number): string | null {
  const check = parseRecord(bytes.subarray(from, to));
  if ("problem" in check) return check.problem;
  acceptedId.idFrom = check.idFrom;
  acceptedId.idTo = check.idTo;
  return null;
}

/** Checks a record's bytes. */
export function checkRecord(bytes: Uint8Array): RecordCheck {
  const problem = recordProblem(bytes, 0, bytes.length);
  return problem === null ? { idFrom: acceptedId.idFrom, idTo: acceptedId.idTo } : { problem };
}

/** The check itself: the bytes decoded as UTF-8 and given to JSON.parse, the id found in the text. */
export function parseRecord(bytes: Uint8Array): RecordCheck {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: "record is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "record is not valid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { problem: "record is not a JSON object" };
  }
  const ids = literalId(text, value as object) ?? topLevelValues(text, "id");
  if (ids.length === 0) return { problem: 'record has no "id"' };
  if (ids.length > 2) return { problem: 'record has more than one "id"' };
  const [from, to] = ids;
  const first = text.charCodeAt(from);
  const isString = first === 0x22;
  const isNumber = first === 0x2d || (first >= 0x30 && first <= 0x39);
  if (!isString && !isNumber) return { problem: "id is not a string or a number" };
  // String positions are byte positions unless the text has other than ASCII (then it is shorter).
  if (text.length === bytes.length) return { idFrom: from, idTo: to };
  const idFrom = utf8Length(text, 0, from);
  return { idFrom, idTo: idFrom + utf8Length(text, from, to) };
}

/**
 * Where the id's value is, [from, to), in the common case, without walking the text: no
 * backslash anywhere (so every key is written literally and every '"' delimits a string),
 * the parsed object has an id, and the string token "id" occurs once in the text. That
 * token is then the top-level key, the only one. Undefined otherwise (the walk decides).
 */
function literalId(text: string, value: object): number[] | undefined {
  if (!Object.hasOwn(value, "id") || text.includes("\\")) return undefined;
  const key = text.indexOf('"id"');
  if (key < 0 || text.indexOf('"id"', key + 4) >= 0) return undefined;
  const from = skipBlanks(text, skipBlanks(text, key + 4) + 1); // past ':'
  return [from, endOfValue(text, from)];
}

/** UTF-8 bytes of text[from, to) (well-formed: it was decoded from UTF-8). */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3; // a surrogate pair is 4
  }
  return bytes;
}

// What follows walks text that JSON.parse has already accepted, so it only has to find
// where values end, not check them.

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string starting at i (text[i] is '"'). Jumps quote to quote. */
function endOfString(text: string, i: number): number {
  for (;;) {
    i = text.indexOf('"', i + 1);
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return i + 1;
  }
}

/** Index just past the value starting at i. */
function endOfValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return endOfString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (; ; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x22) i = endOfString(text, i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) { if (--depth === 0) return i + 1; }
    }
  }
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isBlank(d)) break;
    i++;
  }
  return i;
}

/** Where the values of the top-level members named `name` are: [from, to) pairs, flat. */
function topLevelValues(text: string, name: string): number[] {
  const found: number[] = [];
  let i = skipBlanks(text, 0) + 1; // past '{'
  for (;;) {
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) === 0x7d) return found;
    const keyEnd = endOfString(text, i);
    // Most keys have no escapes: compare the text itself, decode only when there is a backslash.
    const raw = text.slice(i + 1, keyEnd - 1);
    const key = raw.includes("\\") ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
    i = skipBlanks(text, keyEnd) + 1; // past ':'
    i = skipBlanks(text, i);
    const valueEnd = endOfValue(text, i);
    if (key === name) found.push(i, valueEnd);
    i = skipBlanks(text, valueEnd);
    if (text.charCodeAt(i) === 0x2c) i++;
  }
}
