// The exact output: what JSON.stringify(value, null, 2) would print, but with exact integer
// scores and each id's JSON text as written; or (--lines) the winners' lines verbatim.
// Written as bytes in blocks, so a result of millions of records never becomes one string
// and makes no object per record.
import { ByteWriter } from "./byte-writer";
import { Winner } from "./winner";

/** How the winners are printed. */
export interface OutputFormat {
  /** JSON on one line. */
  compact?: boolean;
  /** Each element also names its input and line. */
  locations?: boolean;
  /** The winners' lines verbatim instead of JSON (needs the lines kept). */
  lines?: boolean;
}

/** What the output needs of the results, row by row, best first (a Ranking, or a list of Winners). */
export interface OutputRows {
  readonly size: number;
  writeScore(row: number, out: ByteWriter): void;
  /** The id's JSON text as written in the record. */
  writeId(row: number, out: ByteWriter): void;
  /** The input's name as a JSON string. */
  writeInput(row: number, out: ByteWriter): void;
  lineNumber(row: number): number;
  /** The line verbatim, without its line ending. */
  writeText(row: number, out: ByteWriter): void;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
/** The constant text around the values; `first` and `between` are whole runs of it (fewer copies per record). */
function pieces(open: string, close: string, separator: string, score: string, id: string, input: string, line: string, end: string) {
  return {
    first: ascii(open + score), between: ascii(end + separator + score), last: ascii(end + close),
    id: ascii(id), input: ascii(input), line: ascii(line),
  };
}
const PIECES = {
  pretty: pieces("[\n", "\n]\n", ",\n", '  {\n    "score": ', ',\n    "id": ', ',\n    "input": ', ',\n    "line": ', "\n  }"),
  compact: pieces("[", "]\n", ",", '{"score":', ',"id":', ',"input":', ',"line":', "}"),
};
const NEWLINE = ascii("\n");

/** The output in blocks of bytes, ending in one newline. */
export function* outputBlocks(rows: OutputRows, format: OutputFormat): Generator<Uint8Array> {
  const out = new ByteWriter();
  if (format.lines) {
    for (let row = 0; row < rows.size; row++) {
      rows.writeText(row, out);
      out.piece(NEWLINE);
      if ((row & 255) === 255) yield* out.take();
    }
    yield* out.take(true);
    return;
  }
  if (rows.size === 0) {
    yield ascii("[]\n");
    return;
  }
  const p = format.compact ? PIECES.compact : PIECES.pretty;
  for (let row = 0; row < rows.size; row++) {
    out.piece(row === 0 ? p.first : p.between);
    rows.writeScore(row, out);
    out.piece(p.id);
    rows.writeId(row, out);
    if (format.locations) {
      out.piece(p.input);
      rows.writeInput(row, out);
      out.piece(p.line);
      out.integer(rows.lineNumber(row));
    }
    if ((row & 255) === 255) yield* out.take();
  }
  out.piece(p.last);
  yield* out.take(true);
}

const encoder = new TextEncoder();

/** Winner objects (the library's results) as output rows. */
export function winnerRows(winners: Winner[]): OutputRows {
  const utf8 = (out: ByteWriter, text: string) => out.piece(encoder.encode(text));
  return {
    size: winners.length,
    writeScore: (row, out) => out.latin1(winners[row].score.toString()),
    writeId: (row, out) => utf8(out, winners[row].idJson),
    writeInput: (row, out) => utf8(out, JSON.stringify(winners[row].input)),
    lineNumber: (row) => winners[row].line,
    writeText: (row, out) => out.piece(winners[row].text!),
  };
}

/** The whole output as one string (for small results; the CLI streams outputBlocks). */
export function formatWinners(winners: Winner[], compact: boolean | OutputFormat = false): string {
  const format = typeof compact === "boolean" ? { compact } : compact;
  const decoder = new TextDecoder();
  let text = "";
  for (const block of outputBlocks(winnerRows(winners), format)) text += decoder.decode(block, { stream: true });
  return text + decoder.decode();
}
