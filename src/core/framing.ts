// Framing of a single line, off the hot path: used to re-check a winner's line when it is
// re-read and by --strict. The hot loops (assembly/scan.ts, js-engine.ts) do the same inline.

const latin1 = new TextDecoder("latin1");

/** A framed line: its exact score and where its record starts. */
export interface FramedLine {
  score: bigint;
  recordStart: number;
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Parses `<blanks><sign?><digits><blanks>:` at the start of `line`; null if it is not framed. */
export function parseFraming(line: Uint8Array): FramedLine | null {
  let i = 0;
  while (i < line.length && isBlank(line[i])) i++;
  const signAt = i;
  if (line[i] === 0x2b || line[i] === 0x2d) i++;
  const digitsAt = i;
  while (i < line.length && isDigit(line[i])) i++;
  if (i === digitsAt) return null;
  const digits = latin1.decode(line.subarray(digitsAt, i));
  while (i < line.length && isBlank(line[i])) i++;
  if (line[i] !== 0x3a) return null;
  const magnitude = BigInt(digits);
  return { score: line[signAt] === 0x2d ? -magnitude : magnitude, recordStart: i + 1 };
}

/** True for a line that is empty or only blanks (its line ending already removed). */
export function isBlankLine(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlank(line[i])) return false;
  return true;
}
