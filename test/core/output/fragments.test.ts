// Large results of two threads (src/core/output/fragments.ts, src/core/run/result.ts): the helper
// keeps the rows it found and formats them, this thread joins them with its own; or it hands them
// over for the winners. The bytes must be exactly those of one
// thread printing the same ranking, for every format, both engines, with --locations over
// several inputs and scores beyond 2^64; an invalid winner still fails with nothing written.
import * as fs from "node:fs";
import { shownLine } from "../../helpers/shown-line";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { HighestError, formatWinners, highest, rankInputs } from "../../../src/node/internal";
import { OutputFormat } from "../../../src/core/output/format";
import { ByteWriter } from "../../../src/core/output/byte-writer";
import { LARGE_RESULT_ROWS } from "../../../src/core/model/numbers";
import { FragmentChunk, formatChunk } from "../../../src/core/output/fragments";
import { joinFragments } from "../../../src/core/output/join";
import { runCli } from "../../helpers/run-cli";
import { tempFolder } from "../../helpers/temp-folder";

const temp = tempFolder("parallel-output-");
const LINES = LARGE_RESULT_ROWS + 3000;

/** Lines with scores of every size (some beyond 2^64, some negative, a few ties), ids of varied length. */
function records(bad?: { line: number; record: string }): string {
  const lines: string[] = [];
  let state = 12345;
  for (let i = 1; i <= LINES; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const score = i % 997 === 0 ? `${state}000000000000000000000` : i % 501 === 0 ? "77" : `${state % 2 ? "-" : ""}${state}${i}`;
    const record = bad?.line === i ? bad.record : `{"id":${i % 3 ? `"r${i}${"x".repeat(i % 50)}"` : i}}`;
    lines.push(`${score}: ${record}`);
  }
  return `${lines.join("\n")}\n`;
}

// helpersFirst: the helper owns units whatever the machine's load (its worker boots in 50-100 ms; this thread might claim every unit first).
const threaded = { threads: 2, tuning: { minThreadedBytes: 0, segmentBytes: 256 * 1024, helpersFirst: true } };
const formats: OutputFormat[] = [{}, { compact: true }, { locations: true }, { compact: true, locations: true }, { lines: true }];

/** What a two-thread run's result prints, and how many of its lists a helper held. */
async function printed(inputs: string[], count: number, format: OutputFormat, engine: "wasm" | "js") {
  const blocks: Uint8Array[] = [];
  const result = await rankInputs(inputs, count, { engine, lineTexts: format.lines, ...threaded });
  try {
    for await (const block of result.blocks(format)) blocks.push(block.slice());
    return { text: Buffer.concat(blocks).toString(), held: result.listsWithHelpers };
  } finally {
    await result.close();
  }
}

describe.each(["wasm", "js"] as const)("two threads print a large result (%s)", (engine) => {
  let files: string[] = [];
  beforeAll(() => {
    const text = records();
    const plain = temp.file(text, `a-${engine}.data`);
    const gz = path.join(temp.path, `b-${engine}.data.gz`);
    fs.writeFileSync(gz, zlib.gzipSync(text)); // read by this thread alone: its rows are formatted here
    files = [plain, gz];
  });

  test.each(formats)("the same bytes as one thread (%j)", async (format) => {
    // All of them, and fewer than there are (the heap, not the precheck, kept them).
    for (const count of format.lines || format.locations ? [10 ** 9] : [10 ** 9, 2 * LINES - 17]) {
      const { text, held } = await printed(files, count, format, engine);
      const single = await highest(files, count, { engine, lineTexts: format.lines });
      expect(held).toBe(1); // the helper held its rows and formatted them
      expect(text).toBe(formatWinners(single, format));
      // The winners of the same run: the helper hands its rows over.
      const result = await rankInputs(files, count, { engine, lineTexts: format.lines, ...threaded });
      try {
        expect(result.listsWithHelpers).toBe(1);
        expect(formatWinners(await result.winners(), format)).toBe(text);
      } finally {
        await result.close();
      }
    }
  });

  test("an invalid winner fails the run, nothing is written", async () => {
    const bad = temp.file(records({ line: LINES - 10, record: '{"id":"r", oops' }), `bad-${engine}.data`);
    // No result (nothing to write) when any winner is invalid.
    const error = await rankInputs([files[0], bad], 10 ** 9, { engine, ...threaded }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HighestError);
    const line = fs.readFileSync(bad, "utf8").split("\n")[LINES - 11];
    expect((error as HighestError).message).toBe(`${bad}: line ${LINES - 10}: record is not valid JSON: ${shownLine(line)}`);
  });
});

test("the command line prints the same with 1 thread and 2", () => {
  const file = temp.file(records(), "cli.data");
  for (const extra of [[], ["--compact"], ["--locations"], ["--lines"]]) {
    const args = [file, "1000000000", "--segment-bytes", "262144", "--min-threaded-bytes", "0", ...extra];
    const one = runCli([...args, "--threads", "1"]);
    const two = runCli([...args, "--threads", "2"]);
    expect(two.code).toBe(0);
    expect(two.stderr).toBe("");
    expect(two.stdout).toBe(one.stdout);
  }
});

describe("joinFragments", () => {
  /** Rows whose text is their name: list:row. */
  const rowsOf = (list: number, size: number) => ({
    size,
    writeScore: (row: number, out: ByteWriter) => out.latin1(`${list}.${row}`),
    writeId: (row: number, out: ByteWriter) => out.latin1(`"${list}-${row}"`),
    writeInput: () => {}, lineNumber: () => 0, writeText: () => {}, writeRecord: () => {},
  });

  test("joins runs of rows across chunk boundaries, in rank order", async () => {
    // Rank r comes from list from[r]; each list's rows in order.
    const from = Uint16Array.from([0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1]);
    const taken = [0, 0];
    const at = Uint32Array.from(from, (list) => taken[list]++);
    const order = { size: from.length, list: from, at, taken };
    const lists = [rowsOf(0, taken[0]), rowsOf(1, taken[1])];
    const expected = `[${Array.from(from, (list, r) => `{"score":${list}.${at[r]},"id":"${list}-${at[r]}"}`).join(",")}]\n`;
    for (const chunkRows of [1, 2, 3, 100]) {
      // List 1 comes from "another thread", in chunks.
      let next = 0;
      const source = (): FragmentChunk => {
        const chunk = formatChunk(lists[1], next, Math.min(taken[1], next + chunkRows), { compact: true });
        next += chunkRows;
        return chunk;
      };
      let text = "";
      for await (const block of joinFragments(order, { compact: true }, lists, [undefined, source])) text += Buffer.from(block).toString();
      expect(text).toBe(expected);
    }
  });
});
