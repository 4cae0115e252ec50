// The exact output: what JSON.stringify(value, null, 2) would print, but with exact integer
// scores and each id's JSON text as written; or (--lines) the winners' lines verbatim.
// Produced in blocks, so a result of millions of records never becomes one string.
import { Winner } from "./winners";

/** How the winners are printed. */
export interface OutputFormat {
  /** JSON on one line. */
  compact?: boolean;
  /** Each element also names its input and line. */
  locations?: boolean;
  /** The winners' lines verbatim instead of JSON (needs Winner.text). */
  lines?: boolean;
}

const BLOCK_CHARS = 1 << 16;

/** One element; plain template strings (this runs once per winner, millions of times for large counts). */
function element(winner: Winner, format: OutputFormat): string {
  if (format.compact) {
    return format.locations
      ? `{"score":${winner.score},"id":${winner.idJson},"input":${JSON.stringify(winner.input)},"line":${winner.line}}`
      : `{"score":${winner.score},"id":${winner.idJson}}`;
  }
  return format.locations
    ? `  {\n    "score": ${winner.score},\n    "id": ${winner.idJson},\n    "input": ${JSON.stringify(winner.input)},\n    "line": ${winner.line}\n  }`
    : `  {\n    "score": ${winner.score},\n    "id": ${winner.idJson}\n  }`;
}

/** The output in blocks of text (or bytes, for --lines), ending in one newline. */
export function* outputBlocks(winners: Winner[], format: OutputFormat): Generator<string | Uint8Array> {
  if (format.lines) {
    let block = new Uint8Array(BLOCK_CHARS);
    let used = 0;
    for (const winner of winners) {
      const text = winner.text!;
      if (used + text.length + 1 > block.length) {
        if (used > 0) yield block.subarray(0, used);
        block = new Uint8Array(Math.max(BLOCK_CHARS, text.length + 1));
        used = 0;
      }
      block.set(text, used);
      block[used + text.length] = 10;
      used += text.length + 1;
    }
    if (used > 0) yield block.subarray(0, used);
    return;
  }
  if (winners.length === 0) {
    yield "[]\n";
    return;
  }
  const separator = format.compact ? "," : ",\n";
  let block = format.compact ? "[" : "[\n";
  for (let i = 0; i < winners.length; i++) {
    block += (i > 0 ? separator : "") + element(winners[i], format);
    if (block.length >= BLOCK_CHARS) {
      yield block;
      block = "";
    }
  }
  yield block + (format.compact ? "]\n" : "\n]\n");
}

/** The whole output as one string (for small results; the CLI streams outputBlocks). */
export function formatWinners(winners: Winner[], compact: boolean | OutputFormat = false): string {
  const format = typeof compact === "boolean" ? { compact } : compact;
  const decoder = new TextDecoder();
  let text = "";
  for (const block of outputBlocks(winners, format)) text += typeof block === "string" ? block : decoder.decode(block);
  return text;
}
