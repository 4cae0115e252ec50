// scan/line-buffer.ts: the reader hands the engine whole lines only, chunk by chunk, with their offsets.
import fc from "fast-check";
import { scanSource } from "../../../src/core/scan/line-buffer";
import { FramingFault, MAX_LINE_BYTES, ScanEngine } from "../../../src/core/scan/engine";
import { KeptColumns } from "../../../src/core/columns/kept";
import { BytesSource, ByteSource } from "../../../src/core/input/source";
import { HighestError } from "../../../src/core/model/errors";

/** An engine that notes what it is given: each run of lines as text, with its offset. Its memory moves when it grows. */
class NotingEngine implements ScanEngine {
  readonly name = "js" as const;
  private buffer = new Uint8Array(0);
  runs: Array<{ text: string; offset: number }> = [];
  private lines = 0;
  /** `faultAtLine`: the scan reports that fault at that line, as an engine does for a bad line. */
  constructor(private readonly faultAtLine?: { line: number; kind: FramingFault["kind"] }) {}
  configure(): void {}
  beginUnit(): void {}
  reserve(bytes: number): Uint8Array {
    if (bytes > this.buffer.length) {
      const grown = new Uint8Array(bytes + 7); // a new array each time: views taken before are stale
      grown.set(this.buffer);
      this.buffer = grown;
    }
    return this.buffer;
  }
  scan(start: number, end: number, offset: number): FramingFault | null {
    const text = Buffer.from(this.buffer.subarray(start, end)).toString("latin1");
    this.runs.push({ text, offset });
    let lineStart = start;
    for (let i = start; i < end; i++) {
      if (this.buffer[i] !== 10 && i !== end - 1) continue;
      this.lines++;
      if (this.faultAtLine?.line === this.lines) return { line: this.lines, kind: this.faultAtLine.kind, start: lineStart };
      lineStart = i + 1;
    }
    this.reserve(end + 100); // the scan may grow memory (the wasm core's does)
    return null;
  }
  appendedRows(): number { return 0; }
  appendedLines(): void {}
  linesSeen(): number { return this.lines; }
  finish(): KeptColumns { throw new Error("not used"); }
  keptBytes(): undefined { return undefined; }
}

/** A source that gives at most `most` bytes per read. */
class Trickle implements ByteSource {
  private at = 0;
  constructor(private readonly data: Uint8Array, private readonly most: number) {}
  read(target: Uint8Array): number {
    const n = Math.min(target.length, this.most, this.data.length - this.at);
    target.set(this.data.subarray(this.at, this.at + n));
    this.at += n;
    return n;
  }
}

const latin1 = (text: string) => Buffer.from(text, "latin1");
const lines = fc.array(fc.stringMatching(/^[a-z:\r ]{0,30}$/), { maxLength: 30 }).map((parts) => parts.join("\n"));

test("property: runs are whole lines, in order, each at its input offset; together they are the input", async () => {
  await fc.assert(fc.asyncProperty(lines, fc.boolean(), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), fc.nat(1000),
    async (body, endsWithNewline, chunkSize, most, startOffset) => {
      const text = body + (endsWithNewline && body.length > 0 ? "\n" : "");
      const engine = new NotingEngine();
      await scanSource(engine, new Trickle(latin1(text), most), { chunkSize, startOffset });
      expect(engine.runs.map((run) => run.text).join("")).toBe(text);
      let offset = startOffset;
      engine.runs.forEach((run, k) => {
        expect(run.offset).toBe(offset);
        offset += run.text.length;
        expect(run.text.length).toBeGreaterThan(0);
        if (k < engine.runs.length - 1 || text.endsWith("\n")) expect(run.text.endsWith("\n")).toBe(true);
      });
    }));
});

test("a line longer than a chunk is carried across reads until its newline, and handed over whole", async () => {
  const long = "9:" + "x".repeat(1000);
  const engine = new NotingEngine();
  await scanSource(engine, new BytesSource(latin1(`1:a\n${long}\n2:b`)), { chunkSize: 7 });
  expect(engine.runs.map((run) => run.text)).toContain(`${long}\n`);
  expect(engine.runs.at(-1)).toEqual({ text: "2:b", offset: 4 + long.length + 1 });
});

test("visitor sees each run before the scan, with its first line's number; afterScan after it; progress counts bytes read", async () => {
  const engine = new NotingEngine();
  const seen: string[] = [];
  const progress: number[] = [];
  await scanSource(engine, new BytesSource(latin1("a\nb\nc\nd")), {
    chunkSize: 4,
    visitor: (view, start, end, firstLine) => seen.push(`before ${firstLine} ${Buffer.from(view.subarray(start, end)).toString("latin1")}`),
    afterScan: (view, start, end, offset) => seen.push(`after ${offset} ${Buffer.from(view.subarray(start, end)).toString("latin1")}`),
    onProgress: (bytes) => progress.push(bytes),
  });
  expect(seen).toEqual(["before 1 a\nb\n", "after 0 a\nb\n", "before 3 c\n", "after 4 c\n", "before 4 d", "after 6 d"]);
  expect(progress).toEqual([4, 7, 7]);
});

test("progress reports what the source says it consumed when it says (compressed input)", async () => {
  const source = Object.assign(new BytesSource(latin1("a\nb\n")), { consumed: () => 42 });
  const progress: number[] = [];
  await scanSource(new NotingEngine(), source, { chunkSize: 2, onProgress: (bytes) => progress.push(bytes) });
  expect(progress.every((bytes) => bytes === 42)).toBe(true);
});

test("shouldStop is asked before each read: true stops the scan as aborted", async () => {
  let reads = 0;
  const promise = scanSource(new NotingEngine(), new BytesSource(latin1("a\n".repeat(10))), { chunkSize: 2, shouldStop: () => ++reads > 3 });
  await expect(promise).rejects.toMatchObject({ kind: "aborted" });
  expect(reads).toBe(4);
});

test("a framing fault the engine finds is a data error on its line, showing the line's start (a final '\\r' left out)", async () => {
  const engine = new NotingEngine({ line: 2, kind: "colon" });
  const promise = scanSource(engine, new BytesSource(latin1("1:a\n2 b\r\n3:c\n")), { chunkSize: 3 });
  await expect(promise).rejects.toThrow(new HighestError("data", "expected ':' after the score: \"2 b\"", 2));
  const last = new NotingEngine({ line: 1, kind: "score" });
  await expect(scanSource(last, new BytesSource(latin1("x\r")))).rejects.toThrow(new HighestError("data", 'score is not an integer: "x"', 1));
});

describe("MAX_LINE_BYTES", () => {
  // A line of MAX_LINE_BYTES bytes, and one byte more (a '\r' that ends it, or one byte too many).
  const big = new Uint8Array(MAX_LINE_BYTES + 2).fill(0x61);

  test("a line with no newline past MAX_LINE_BYTES + 1 bytes is too long, whatever follows, and named by its line", async () => {
    const data = new Uint8Array(4 + big.length);
    data.set(latin1("1:a\n"));
    data.set(big, 4);
    const engine = new NotingEngine();
    const promise = scanSource(engine, new BytesSource(data), { chunkSize: 1 << 22 });
    await expect(promise).rejects.toThrow(new HighestError("data", `line is longer than 64 MiB: "${"a".repeat(40)}"…`, 2));
  });

  test("up to MAX_LINE_BYTES + 1 bytes (the line and a final '\\r') it goes to the engine, which decides", async () => {
    const engine = new NotingEngine();
    await scanSource(engine, new BytesSource(big.subarray(0, MAX_LINE_BYTES + 1)), { chunkSize: 1 << 22 });
    expect(engine.runs.map((run) => run.text.length)).toEqual([MAX_LINE_BYTES + 1]);
  });
});
