// The start of an offending line, as every data error ends with it (SPEC: Errors and exit codes):
// a user sees a '# comment' header, a '5,{...}' line or a byte-order mark in the message itself,
// without `sed -n 42p` on a file of tens of GB. Made only when a run fails, so it may allocate.

/** Characters of the line a message shows. */
const SHOWN_CHARS = 40;
/** Bytes that hold SHOWN_CHARS characters and the start of one more (4 bytes at most each): enough to tell a cut. */
const SHOWN_BYTES = 4 * SHOWN_CHARS + 4;
/** Bytes of a line (without its ending) that decide its message: what a caller keeps to make it later. */
export const LINE_START_BYTES = SHOWN_BYTES + 1;
// Not fatal: invalid UTF-8 shows as U+FFFD. ignoreBOM: a byte-order mark stays in the text, to be named.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * `problem`, then the start of the line that starts at bytes[from] and ends at the first "\n" before
 * `to` (a '\r' before that "\n" is its ending), or at `to` (then [from, to) is the line without its
 * ending): at most 40 characters as a JSON string, `…` after it when the line is longer. A line
 * that starts with a byte-order mark says so.
 */
export function withLineStart(problem: string, bytes: Uint8Array, from: number, to: number): string {
  const limit = Math.min(to, from + SHOWN_BYTES);
  let end = bytes.subarray(from, limit).indexOf(NEWLINE);
  end = end < 0 ? limit : from + end;
  const whole = end < limit || limit === to; // the line ends within the bytes looked at
  if (end < limit && end > from && bytes[end - 1] === RETURN) end--; // a '\r' before its '\n' is the line ending
  const chars = Array.from(utf8.decode(bytes.subarray(from, end)));
  const cut = chars.length > SHOWN_CHARS || !whole;
  // JSON.stringify leaves U+FEFF as it is, invisible in a terminal: written as its escape.
  const shown = JSON.stringify(chars.slice(0, SHOWN_CHARS).join("")).replace(/\ufeff/g, "\\ufeff") + (cut ? "…" : "");
  const bom = chars[0] === "\ufeff" ? "the line starts with a byte-order mark (U+FEFF): " : "";
  return `${problem}: ${bom}${shown}`;
}
