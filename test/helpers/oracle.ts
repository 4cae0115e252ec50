// A deliberately simple oracle of SPEC: split into lines, classify each with regular
// expressions, sort everything with BigInt, validate with JSON.parse. Slow and obvious.

export type OracleResult =
  | { ok: true; stdout: string }
  | { ok: false; code: 2; line: number };

const BLANK = /^[ \t\r]*$/; // SPEC 2: spaces, tabs and '\r' anywhere
const FRAMED = /^[ \t]*([+-]?)([0-9]+)[ \t]*:(.*)$/s;
const ID_STRING_OR_NUMBER = /^("|-|[0-9])/;

interface Record { score: bigint; line: number; record: Uint8Array }

/** Splits bytes into lines per SPEC: "\n" separates, one "\r" before it (or at the end) belongs to the ending. */
export function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      if (i === bytes.length && start === bytes.length) break;
      let end = i;
      if (end > start && bytes[end - 1] === 13) end--;
      lines.push(bytes.subarray(start, end));
      start = i + 1;
    }
  }
  return lines;
}

/** The id's JSON text if the record is valid, else null. Finds top-level "id" members by re-serialising keys. */
export function oracleId(record: Uint8Array): string | null {
  let text: string;
  try { text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(record); } catch { return null; }
  let value: unknown;
  try { value = JSON.parse(text); } catch { return null; }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const ids = topLevelIdTexts(text);
  if (ids.length !== 1 || !ID_STRING_OR_NUMBER.test(ids[0])) return null;
  return ids[0];
}

/** Raw texts of top-level members named "id", found by a tiny tokenizer independent of src/. */
function topLevelIdTexts(text: string): string[] {
  const found: string[] = [];
  const tokens = /"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+/gy;
  let depth = 0;
  let expectingKey = false;
  let key: string | null = null;
  let valueStart = -1;
  let match: RegExpExecArray | null;
  tokens.lastIndex = 0;
  const parts: Array<{ t: string; at: number }> = [];
  const skipper = /\s*/y;
  let at = 0;
  for (;;) {
    skipper.lastIndex = at; skipper.exec(text); at = skipper.lastIndex;
    if (at >= text.length) break;
    tokens.lastIndex = at;
    match = tokens.exec(text);
    if (!match) break;
    parts.push({ t: match[0], at });
    at = tokens.lastIndex;
  }
  for (let i = 0; i < parts.length; i++) {
    const { t, at: pos } = parts[i];
    if (t === "{" || t === "[") {
      if (depth === 1 && key !== null && valueStart < 0) valueStart = pos;
      depth++;
      expectingKey = depth === 1 && t === "{";
      continue;
    }
    if (t === "}" || t === "]") {
      depth--;
      if (depth === 1 && key !== null && valueStart >= 0) { found.push(text.slice(valueStart, pos + 1)); key = null; valueStart = -1; }
      continue;
    }
    if (depth !== 1) continue;
    if (t === ",") { expectingKey = true; continue; }
    if (t === ":") { expectingKey = false; continue; }
    if (expectingKey) { const name = JSON.parse(t) as string; key = name === "id" ? name : null; valueStart = -1; continue; }
    if (key !== null) { found.push(t); key = null; }
  }
  return found;
}

/** What `highest` must print for these bytes and count (pretty or compact). */
export function oracle(bytes: Uint8Array, count: bigint, options: { strict?: boolean; compact?: boolean } = {}): OracleResult {
  const records: Record[] = [];
  const lines = splitLines(bytes);
  const latin1 = new TextDecoder("latin1");
  for (let i = 0; i < lines.length; i++) {
    const text = latin1.decode(lines[i]);
    if (BLANK.test(text)) continue;
    const m = FRAMED.exec(text);
    if (!m) return { ok: false, code: 2, line: i + 1 };
    const magnitude = BigInt(m[2]);
    const colon = text.indexOf(":");
    records.push({ score: m[1] === "-" ? -magnitude : magnitude, line: i + 1, record: lines[i].subarray(colon + 1) });
  }
  records.sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : a.line - b.line));
  const winners = records.slice(0, Number(count > BigInt(records.length) ? records.length : count));
  const checked = options.strict ? records : winners;
  const bad = checked.filter((r) => oracleId(r.record) === null).map((r) => r.line);
  if (bad.length > 0) return { ok: false, code: 2, line: Math.min(...bad) };
  const items = winners.map((r) => ({ score: r.score.toString(), id: oracleId(r.record)! }));
  if (items.length === 0) return { ok: true, stdout: "[]\n" };
  if (options.compact) return { ok: true, stdout: `[${items.map((x) => `{"score":${x.score},"id":${x.id}}`).join(",")}]\n` };
  return { ok: true, stdout: `[\n${items.map((x) => `  {\n    "score": ${x.score},\n    "id": ${x.id}\n  }`).join(",\n")}\n]\n` };
}
