// The core's scanner and heap through its own exports (the numbers-only surface), on all
// three builds, without the host's reader: bytes written straight into its input region.
import * as fs from "node:fs";
import * as path from "node:path";
import { CoreExports } from "../../src/core/scan/wasm-engine";
import { buildFileName } from "../../src/core/wasm/core-module";
import { WASM_DIR } from "../../src/node/core-file";
import { coreEntry } from "../helpers/core-entries";

const wasmPath = (build: "simd" | "scalar" | "debug") => path.join(WASM_DIR, buildFileName(build));

type Core = CoreExports;

const BUILDS = ["simd", "scalar", "debug"] as const;

function instantiate(build: (typeof BUILDS)[number]): Core {
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath(build)));
  return new WebAssembly.Instance(module, {}).exports as unknown as Core;
}

/** Writes text into the input region and scans it whole; returns the scan's result code. */
function scanText(core: Core, text: string, offset = 0): number {
  const bytes = Buffer.from(text, "latin1");
  const base = core.reserveInput(Math.max(bytes.length, 1));
  new Uint8Array(core.memory.buffer, base, bytes.length).set(bytes);
  return core.scan(base, base + bytes.length, offset);
}

function winners(core: Core) {
  const n = core.finish();
  const memory = new Uint8Array(core.memory.buffer);
  return Array.from({ length: n }, (_, i) => {
    const entry = coreEntry(core, i);
    const cls = entry.scoreClass;
    const at = core.winnerDigits(i);
    const digits = Buffer.from(memory.subarray(at, at + core.winnerDigitsLength(i))).toString("latin1");
    return {
      score: cls === 1 ? entry.value.toString() : `${cls === 0 ? "-" : ""}${digits}`,
      offset: entry.offset, length: core.winnerLength(i), line: entry.line,
    };
  });
}

describe.each(BUILDS)("core (%s build)", (build) => {
  let core: Core;
  beforeEach(() => { core = instantiate(build); });

  test("the input region is 64-byte aligned and grows keeping its contents", () => {
    const base = core.reserveInput(100);
    expect(base % 64).toBe(0);
    new Uint8Array(core.memory.buffer, base, 3).set([1, 2, 3]);
    const moved = core.reserveInput(10 * 1024 * 1024);
    expect(moved % 64).toBe(0);
    expect(core.inputSize()).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(Array.from(new Uint8Array(core.memory.buffer, moved, 3))).toEqual([1, 2, 3]);
  });

  test("keeps the best N, best first, with offsets, lengths and line numbers", () => {
    core.configure(3);
    const text = "5:a\n\n  9 : b\r\n1:c\n7:dd\n3:e";
    expect(scanText(core, text, 1000)).toBe(0);
    expect(core.lines()).toBe(6);
    expect(winners(core)).toEqual([
      { score: "9", offset: 1000 + 5, length: 7, line: 3 },
      { score: "7", offset: 1000 + 18, length: 4, line: 5 },
      { score: "5", offset: 1000, length: 3, line: 1 },
    ]);
  });

  test("the heap stays bounded and ordered over many lines (a min-heap of the best N)", () => {
    core.configure(50);
    const scores = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) - 2500);
    expect(scanText(core, scores.map((s) => `${s}:x\n`).join(""))).toBe(0);
    const expected = [...scores].sort((a, b) => b - a).slice(0, 50).map(String);
    expect(winners(core).map((w) => w.score)).toEqual(expected);
  });

  test("the heap's last parent with one to four children, and many equal scores: best first, ties by earlier line", () => {
    // Few distinct scores, so most comparisons in the heap are ties decided by the line.
    const scores = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 13) - 6);
    const text = scores.map((s) => `${s}:x\n`).join("");
    const ranked = scores.map((score, i) => ({ score, line: i + 1 })).sort((a, b) => b.score - a.score || a.line - b.line);
    for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 21, 1000]) {
      core.configure(count);
      expect(scanText(core, text)).toBe(0);
      const expected = ranked.slice(0, count).map((w) => [String(w.score), w.line]);
      expect(winners(core).map((w) => [w.score, w.line])).toEqual(expected);
    }
  });

  test("ties: the earlier line ranks higher, also for big scores", () => {
    core.configure(2);
    expect(scanText(core, "4:a\n4:b\n4:c\n")).toBe(0);
    expect(winners(core).map((w) => w.line)).toEqual([1, 2]);
    core.configure(2);
    const big = "123456789012345678901234567890";
    expect(scanText(core, `${big}:a\n${big}:b\n${big}:c\n`)).toBe(0);
    expect(winners(core).map((w) => [w.score, w.line])).toEqual([[big, 1], [big, 2]]);
  });

  test("exact order across the i64 fast path and big scores, both signs", () => {
    const scores = [
      "999999999999999999", "1000000000000000000", "-999999999999999999", "-1000000000000000000",
      "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
      "18446744073709551616", "18446744073709551615", "0", "-1", "1", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    ];
    // The count is the number of lines: the heap fills on the last one and sorts them.
    core.configure(scores.length);
    expect(scanText(core, scores.map((s) => `${s}:x\n`).join(""))).toBe(0);
    const expected = [...scores].sort((a, b) => (BigInt(a) > BigInt(b) ? -1 : 1));
    expect(winners(core).map((w) => w.score)).toEqual(expected);
    expect(core.winnersRanked()).toBe(1);
  });

  test("a count never reached keeps every line in file order, for the host to rank", () => {
    core.configure(100);
    expect(scanText(core, "5:a\n\n-2:b\n99999999999999999999:c\n7:d\n")).toBe(0);
    expect(core.finish()).toBe(4);
    expect(core.winnersRanked()).toBe(0);
    expect([0, 1, 2, 3].map((i) => coreEntry(core, i).line)).toEqual([1, 3, 4, 5]);
  });

  test("a big score with leading zeros is normalised; a leading-zero small score takes the fast path", () => {
    core.configure(3);
    expect(scanText(core, "0000000000000000000000000000012:x\n-00:y\n000123456789012345678901:z\n")).toBe(0);
    expect(winners(core).map((w) => w.score)).toEqual(["123456789012345678901", "12", "0"]);
  });

  test("count 0 keeps nothing but still checks framing", () => {
    core.configure(0);
    expect(scanText(core, "1:a\n99999999999999999999999:b\noops\n")).toBe(1);
    expect(core.errorAt()).toBe(3);
    expect(core.finish()).toBe(0);
  });

  test.each([
    ["12.5:x", 4], ["1e5:x", 4], ["12.5x:x", 1], ["1e:x", 1], [":x", 1], ["+:x", 1], ["abc", 1], ["0x1:x", 1], [" \r5:x", 1],
    ["12", 2], ["12 x", 2], ["12 \t", 2], ["12\r", 2],
  ])("framing error in %j is kind %d on its line", (line, kind) => {
    core.configure(5);
    expect(scanText(core, `1:a\n\n${line}\n2:b\n`)).toBe(kind);
    expect(core.errorAt()).toBe(3);
  });

  test("blank lines of spaces, tabs and a final \\r are not records", () => {
    core.configure(5);
    expect(scanText(core, " \t \n\r\n\t\r\n\n \r\n \r \n\r\r\n\r \t\r")).toBe(0);
    expect(core.lines()).toBe(8);
    expect(core.finish()).toBe(0);
  });

  test("keepLines copies the kept lines' bytes (for inputs that cannot be re-read)", () => {
    core.configure(1); core.beginUnit(0, 1);
    expect(scanText(core, "1:first\n3:best line\r\n2:second\n")).toBe(0);
    expect(core.finish()).toBe(1);
    const at = core.winnerBytes(0);
    expect(Buffer.from(new Uint8Array(core.memory.buffer, at, core.winnerLength(0))).toString()).toBe("3:best line");
  });

  test("a '\\r' inside a line that is not blank is not a blank: the score is bad", () => {
    core.configure(5);
    expect(scanText(core, "1:a\n \r5:b\n")).toBe(1);
    expect(core.errorAt()).toBe(2);
  });

  test("equal scores: the earlier unit ranks higher, then the earlier line", () => {
    core.configure(3);
    core.beginUnit(1, 0);
    expect(scanText(core, "5:b1\n5:b2\n")).toBe(0);
    core.beginUnit(0, 0);
    expect(scanText(core, "1:x\n5:a2\n")).toBe(0);
    expect(core.finish()).toBe(3);
    expect([0, 1, 2].map((i) => [core.winnerUnit(i), coreEntry(core, i).line])).toEqual([[0, 2], [1, 1], [1, 2]]);
  });

  test("more entries than one page (65,536) of the heap: the best kept, sorted best first", () => {
    const lines = 150_000;
    const count = 140_000;
    core.configure(count);
    // Scores in a scrambled order, so sift-downs cross page boundaries.
    const text = Array.from({ length: lines }, (_, i) => `${(i * 7919) % lines}:x\n`).join("");
    expect(scanText(core, text)).toBe(0);
    expect(core.finish()).toBe(count);
    expect(core.winnersRanked()).toBe(1);
    const scores = Array.from({ length: count }, (_, i) => Number(coreEntry(core, i).value));
    expect(scores.every((score, i) => score === lines - 1 - i)).toBe(true);
  });

  test("more entries than one page, count never reached: every line kept, in file order", () => {
    const lines = 150_000;
    core.configure(lines + 10);
    const text = Array.from({ length: lines }, (_, i) => `${(i * 7919) % lines}:x\n`).join("");
    expect(scanText(core, text)).toBe(0);
    expect(core.finish()).toBe(lines);
    expect(core.winnersRanked()).toBe(0);
    const scores = Array.from({ length: lines }, (_, i) => Number(coreEntry(core, i).value));
    expect(scores.every((score, i) => score === (i * 7919) % lines)).toBe(true);
  });

  test("line numbers and offsets continue across scan calls", () => {
    core.configure(2);
    expect(scanText(core, "1:a\n2:b\n", 0)).toBe(0);
    expect(scanText(core, "\n7:c\n", 8)).toBe(0);
    expect(winners(core)).toEqual([
      { score: "7", offset: 9, length: 3, line: 4 },
      { score: "2", offset: 4, length: 3, line: 2 },
    ]);
  });

  test("the byte after the scanned range is left as it was (the sentinel is restored)", () => {
    core.configure(1);
    const base = core.reserveInput(64);
    const bytes = Buffer.from("1:a\nZZ");
    new Uint8Array(core.memory.buffer, base, bytes.length).set(bytes);
    expect(core.scan(base, base + 4, 0)).toBe(0);
    expect(new Uint8Array(core.memory.buffer, base + 4, 1)[0]).toBe("Z".charCodeAt(0));
  });
});
