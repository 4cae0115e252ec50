// An independent oracle of SPEC for several inputs ranked as one, built on oracle.ts's line
// splitting and record validation: every line of every input classified with regular
// expressions, all records sorted with BigInt by (score desc, input, line), then checked.
// Inputs are given decompressed (the oracle knows nothing of gzip). With `decimal`, a score may
// have a fraction and an exponent: its value is the exact rational M·10^X (M a BigInt of all its
// digits), compared by BigInt arithmetic, never through a float (scores.ts's way, not the product's).
import { oracleId, splitLines } from "./oracle";

export interface OracleInput {
  /** The input's name, as the run names it. */
  name: string;
  /** Its (decompressed) bytes. */
  bytes: Uint8Array;
}

export interface OracleWinner {
  /** An integer score, or (--decimal) the JSON number text a decimal score prints as. */
  score: bigint | string;
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
const FRAMED_DECIMAL = /^[ \t]*([+-]?)([0-9]+)(?:\.([0-9]+))?([eE][+-]?[0-9]+)?[ \t]*:(.*)$/s;

/** A score's exact value m·10^x, what it prints as, and whether it was written as an integer. */
interface Value { m: bigint; x: number; printed: string; integer: boolean }

interface Rec { score: bigint; value: Value; input: number; line: number; text: Uint8Array; record: Uint8Array }

/** The value of a score's parts (exponent: "e…" as written), or null when its normalised exponent needs more than 9 digits. */
function decimalValue(sign: string, integer: string, fraction: string | undefined, exponent: string | undefined): Value | null {
  const digits = integer + (fraction ?? "");
  const magnitude = BigInt(digits);
  const plain = fraction === undefined && exponent === undefined;
  if (magnitude === 0n) return { m: 0n, x: 0, printed: "0", integer: plain };
  const written = BigInt(exponent === undefined ? "0" : exponent.slice(1));
  // The first significant digit's power of ten: |M| has len digits, M·10^x has len + x digits before the point.
  const normalised = BigInt(magnitude.toString().length) + written - BigInt((fraction ?? "").length) - 1n;
  if (normalised > 999_999_999n || normalised < -999_999_999n) return null;
  const printed = plain
    ? (sign === "-" ? -magnitude : magnitude).toString()
    : `${sign === "-" ? "-" : ""}${integer.replace(/^0+(?=[0-9])/, "")}${fraction === undefined ? "" : `.${fraction}`}${exponent ?? ""}`;
  return { m: sign === "-" ? -magnitude : magnitude, x: Number(written) - (fraction ?? "").length, printed, integer: plain };
}

/** -1, 0, 1 as a compares to b exactly (orders of magnitude first, so 10^(10^9) is never built). */
export function compareValues(a: Value, b: Value): number {
  const sa = a.m < 0n ? -1 : a.m > 0n ? 1 : 0;
  const sb = b.m < 0n ? -1 : b.m > 0n ? 1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const ma = sa < 0 ? -a.m : a.m;
  const mb = sb < 0 ? -b.m : b.m;
  const orderA = ma.toString().length + a.x;
  const orderB = mb.toString().length + b.x;
  let magnitude: number;
  if (orderA !== orderB) magnitude = orderA < orderB ? -1 : 1;
  else {
    // Same order of magnitude: the exponents differ by at most the digits' lengths.
    const left = a.x >= b.x ? ma * 10n ** BigInt(a.x - b.x) : ma;
    const right = b.x > a.x ? mb * 10n ** BigInt(b.x - a.x) : mb;
    magnitude = left === right ? 0 : left < right ? -1 : 1;
  }
  return sa > 0 ? magnitude : -magnitude;
}

/** Every record line of the inputs, in input order, or the first framing error in (input, line) order. */
export function oracleRecords(inputs: OracleInput[], decimal = false): { records: Rec[] } | { input: number; line: number } {
  const records: Rec[] = [];
  const latin1 = new TextDecoder("latin1");
  for (let k = 0; k < inputs.length; k++) {
    const lines = splitLines(inputs[k].bytes);
    for (let i = 0; i < lines.length; i++) {
      const text = latin1.decode(lines[i]);
      if (BLANK.test(text)) continue;
      const m = (decimal ? FRAMED_DECIMAL : FRAMED).exec(text);
      if (!m || lines[i].length > 64 * 1024 * 1024) return { input: k, line: i + 1 };
      const value = decimal ? decimalValue(m[1], m[2], m[3], m[4]) : decimalValue(m[1], m[2], undefined, undefined);
      if (!value) return { input: k, line: i + 1 };
      records.push({
        score: value.m, value, input: k, line: i + 1,
        text: lines[i], record: lines[i].subarray(text.indexOf(":") + 1),
      });
    }
  }
  return { records };
}

/** The result SPEC gives for these inputs ranked as one. */
export function multiOracle(
  inputs: OracleInput[], count: bigint, options: { strict?: boolean; lowest?: boolean; decimal?: boolean } = {},
): MultiOracleResult {
  const found = oracleRecords(inputs, options.decimal === true);
  if (!("records" in found)) return { ok: false, code: 2, input: inputs[found.input].name, line: found.line };
  const records = [...found.records];
  const byOrder = (a: Rec, b: Rec) => a.input - b.input || a.line - b.line;
  const higher = options.lowest ? 1 : -1; // where a higher score goes
  records.sort((a, b) => compareValues(a.value, b.value) * higher || byOrder(a, b));
  const winners = records.slice(0, count > BigInt(records.length) ? records.length : Number(count));
  const checked = options.strict ? found.records : winners;
  const bad = checked.filter((r) => oracleId(r.record) === null).sort(byOrder);
  if (bad.length > 0) return { ok: false, code: 2, input: inputs[bad[0].input].name, line: bad[0].line };
  return {
    ok: true,
    winners: winners.map((r) => ({ score: r.value.integer ? r.score : r.value.printed, idJson: oracleId(r.record)!, input: inputs[r.input].name, line: r.line, text: r.text,
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
