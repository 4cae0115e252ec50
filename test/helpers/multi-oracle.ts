// An independent oracle of SPEC for several inputs ranked as one, built on oracle.ts's line
// splitting and record validation: every line of every input classified with regular
// expressions, all records sorted with BigInt by (score desc, input, line), then checked.
// Inputs are given decompressed (the oracle knows nothing of gzip).
import { oracleId, splitLines } from "./oracle";

export interface OracleInput {
  /** The input's name, as the run names it. */
  name: string;
  /** Its (decompressed) bytes. */
  bytes: Uint8Array;
}

export interface OracleWinner {
  score: bigint;
  idJson: string;
  input: string;
  line: number;
  /** The line without its ending, as --lines prints it. */
  text: Uint8Array;
  /** The record's JSON text, as --records prints it: the line after its first ':', JSON's whitespace around it left out. */
  record: string;
}

export type MultiOracleResult =
  | { ok: true; winners: OracleWinner[] }
  | { ok: false; code: 2; input: string; line: number };

const BLANK = /^[ \t\r]*$/;
const FRAMED = /^[ \t]*([+-]?)([0-9]+)[ \t]*:(.*)$/s;

interface Rec { score: bigint; input: number; line: number; text: Uint8Array; record: Uint8Array }

/** Every record line of the inputs, in input order, or the first framing error in (input, line) order. */
export function oracleRecords(inputs: OracleInput[]): { records: Rec[] } | { input: number; line: number } {
  const records: Rec[] = [];
  const latin1 = new TextDecoder("latin1");
  for (let k = 0; k < inputs.length; k++) {
    const lines = splitLines(inputs[k].bytes);
    for (let i = 0; i < lines.length; i++) {
      const text = latin1.decode(lines[i]);
      if (BLANK.test(text)) continue;
      const m = FRAMED.exec(text);
      if (!m || lines[i].length > 64 * 1024 * 1024) return { input: k, line: i + 1 };
      const magnitude = BigInt(m[2]);
      records.push({
        score: m[1] === "-" ? -magnitude : magnitude, input: k, line: i + 1,
        text: lines[i], record: lines[i].subarray(text.indexOf(":") + 1),
      });
    }
  }
  return { records };
}

/** The result SPEC gives for these inputs ranked as one. */
export function multiOracle(inputs: OracleInput[], count: bigint, options: { strict?: boolean; lowest?: boolean } = {}): MultiOracleResult {
  const found = oracleRecords(inputs);
  if (!("records" in found)) return { ok: false, code: 2, input: inputs[found.input].name, line: found.line };
  const records = [...found.records];
  const byOrder = (a: Rec, b: Rec) => a.input - b.input || a.line - b.line;
  const higher = options.lowest ? 1 : -1; // where a higher score goes
  records.sort((a, b) => (a.score > b.score ? higher : a.score < b.score ? -higher : byOrder(a, b)));
  const winners = records.slice(0, count > BigInt(records.length) ? records.length : Number(count));
  const checked = options.strict ? found.records : winners;
  const bad = checked.filter((r) => oracleId(r.record) === null).sort(byOrder);
  if (bad.length > 0) return { ok: false, code: 2, input: inputs[bad[0].input].name, line: bad[0].line };
  return {
    ok: true,
    winners: winners.map((r) => ({ score: r.score, idJson: oracleId(r.record)!, input: inputs[r.input].name, line: r.line, text: r.text,
      record: new TextDecoder().decode(r.record).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "") })),
  };
}

/** What the CLI prints for an oracle result (JSON as SPEC lays it out, or --lines). */
export function oracleOutput(winners: OracleWinner[], format: { compact?: boolean; locations?: boolean; lines?: boolean; records?: boolean } = {}): Buffer {
  if (format.lines) return Buffer.concat(winners.flatMap((w) => [Buffer.from(w.text), Buffer.from("\n")]));
  if (winners.length === 0) return Buffer.from("[]\n");
  const objects = winners.map((w) => {
    const members: Array<[string, string]> = [["score", w.score.toString()], ["id", w.idJson]];
    if (format.locations) members.push(["input", JSON.stringify(w.input)], ["line", String(w.line)]);
    if (format.records) members.push(["record", w.record]);
    return format.compact
      ? `{${members.map(([k, v]) => `"${k}":${v}`).join(",")}}`
      : `  {\n${members.map(([k, v]) => `    "${k}": ${v}`).join(",\n")}\n  }`;
  });
  return Buffer.from(format.compact ? `[${objects.join(",")}]\n` : `[\n${objects.join(",\n")}\n]\n`);
}
