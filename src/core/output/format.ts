// The exact output: what JSON.stringify(value, null, 2) would print, but with exact integer
// scores and each id's JSON text as written; or (--lines) the winners' lines verbatim.
// Written as bytes in blocks, so a result of millions of records never becomes one string
// and makes no object per record.
import { ByteWriter } from "./byte-writer";
import { DecimalWinner } from "../model/winner";

/** How the winners are printed. */
export interface OutputFormat {
  /** JSON on one line. */
  compact?: boolean;
  /** Each element also names its input and line. */
  locations?: boolean;
  /** The winners' lines verbatim instead of JSON (needs the lines kept). */
  lines?: boolean;
  /** Each element ends with its record's JSON text as written (needs the lines kept). */
  records?: boolean;
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
  /** The record's JSON text as written, without the whitespace around it. */
  writeRecord(row: number, out: ByteWriter): void;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * The constant text of a format. Each record is written as a fragment: `score` + score + `id` +
 * id (+ `input` + input + `line` + line) + `end`, where `end` ends with the separator; the
 * output is `open`, the fragments, the last one without its separator, and `close`. So rows
 * formatted apart (by another thread) are joined by copying their bytes.
 */
export interface FormatPieces {
  open: Uint8Array;
  close: Uint8Array;
  /** The separator's length at the end of every fragment (left out after the last one). */
  separator: number;
  score: Uint8Array;
  id: Uint8Array;
  input: Uint8Array;
  line: Uint8Array;
  record: Uint8Array;
  end: Uint8Array;
}

function pieces(
  open: string, close: string, separator: string, score: string, id: string, input: string, line: string, record: string, end: string,
): FormatPieces {
  return {
    open: ascii(open), close: ascii(close), separator: separator.length,
    score: ascii(score), id: ascii(id), input: ascii(input), line: ascii(line), record: ascii(record), end: ascii(end + separator),
  };
}
const PIECES = {
  pretty: pieces("[\n", "\n]\n", ",\n", '  {\n    "score": ', ',\n    "id": ', ',\n    "input": ', ',\n    "line": ', ',\n    "record": ', "\n  }"),
  compact: pieces("[", "]\n", ",", '{"score":', ',"id":', ',"input":', ',"line":', ',"record":', "}"),
  // --lines: each line and its newline, nothing around them.
  lines: pieces("", "", "", "", "", "", "", "", "\n"),
};

/** The pieces of a format (with no rows, JSON is "[]\n" and --lines prints nothing: see join.ts). */
export function formatPieces(format: OutputFormat): FormatPieces {
  return format.lines ? PIECES.lines : format.compact ? PIECES.compact : PIECES.pretty;
}

/** Writes row `row`'s fragment (see FormatPieces). */
export function writeFragment(rows: OutputRows, row: number, format: OutputFormat, p: FormatPieces, out: ByteWriter): void {
  if (format.lines) {
    rows.writeText(row, out);
  } else {
    out.piece(p.score);
    rows.writeScore(row, out);
    out.piece(p.id);
    rows.writeId(row, out);
    if (format.locations) {
      out.piece(p.input);
      rows.writeInput(row, out);
      out.piece(p.line);
      out.integer(rows.lineNumber(row));
    }
    if (format.records) {
      out.piece(p.record);
      rows.writeRecord(row, out);
    }
  }
  out.piece(p.end);
}

const encoder = new TextEncoder();

/** Winner objects (the library's results) as output rows. */
export function winnerRows(winners: DecimalWinner[]): OutputRows {
  const utf8 = (out: ByteWriter, text: string) => out.piece(encoder.encode(text));
  return {
    size: winners.length,
    writeScore: (row, out) => out.latin1(winners[row].score.toString()),
    writeId: (row, out) => utf8(out, winners[row].idJson),
    writeInput: (row, out) => utf8(out, JSON.stringify(winners[row].input)),
    lineNumber: (row) => winners[row].line,
    writeText: (row, out) => out.piece(winners[row].text!),
    writeRecord: (row, out) => utf8(out, winners[row].record!),
  };
}
