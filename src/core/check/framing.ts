// Framing of a single line, off the hot path: used to re-check a winner's line when it is
// re-read and by --strict. The hot loops (assembly/scan.ts, js-engine.ts) do the same inline.

/** A framed line: where its score's digits are and where its record starts. */
export interface FramedLine {
  negative: boolean;
  digitsFrom: number;
  digitsTo: number;
  recordStart: number;
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** Digits to text; not String.fromCharCode(...digits), which overflows the stack past ~100k digits. */
const ascii = new TextDecoder("latin1");
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Parses `<blanks><sign?><digits><blanks>:` at the start of `line`; null if it is not framed. */
export function parseFraming(line: Uint8Array): FramedLine | null {
  let i = 0;
  while (i < line.length && isBlank(line[i])) i++;
  const negative = line[i] === 0x2d;
  if (negative || line[i] === 0x2b) i++;
  const digitsFrom = i;
  while (i < line.length && isDigit(line[i])) i++;
  const digitsTo = i;
  if (digitsTo === digitsFrom) return null;
  while (i < line.length && isBlank(line[i])) i++;
  if (line[i] !== 0x3a) return null;
  return { negative, digitsFrom, digitsTo, recordStart: i + 1 };
}

/** Does the framed line's score equal `score` exactly? (Avoids making a BigInt per line.) */
export function hasScore(line: Uint8Array, framed: FramedLine, score: bigint): boolean {
  const { digitsFrom, digitsTo } = framed;
  if (digitsTo - digitsFrom <= 15) {
    let value = 0; // exact: below 10^15 < 2^53
    for (let i = digitsFrom; i < digitsTo; i++) value = value * 10 + (line[i] - 0x30);
    // bigint == number compares the exact mathematical values, without converting either.
    return (score as unknown) == (framed.negative ? -value : value); // eslint-disable-line eqeqeq
  }
  const magnitude = BigInt(ascii.decode(line.subarray(digitsFrom, digitsTo)));
  return (framed.negative ? -magnitude : magnitude) === score;
}

/**
 * True for a line that is skipped: empty, or only spaces, tabs and '\r' in any order (SPEC 2:
 * " \r \n" and "\r\r\n" are blank), as the scan engines skip them. Not so, --strict took such a
 * line for a framing error the scan would report, and stopped checking the rest of its read.
 */
export function isBlankLine(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlank(line[i]) && line[i] !== 0x0d) return false;
  return true;
}
