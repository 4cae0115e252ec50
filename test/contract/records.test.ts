// --records (SPEC: Output, issue 29 item 2): each element gets a last member "record", the
// record's JSON text exactly as written, without the blanks around it. Both engines, a file,
// standard input and gzip, --locations, pretty and --compact, threads (a large result formatted
// by the threads that found its rows), the library's records option; a usage error with --lines.
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { formatWinners } from "../../src/core/output/join";
import { highest } from "../../src/node/index";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const ENGINES = ["wasm", "js"] as const;
const temp = tempFolder("highest-records-");

/** Runs `args` over `content` as a file, standard input and gzip, on both engines: all must print `expected`. */
function expectOutput(content: string, args: string[], expected: string) {
  const file = temp.file(content);
  const gz = temp.file(zlib.gzipSync(Buffer.from(content)));
  for (const engine of ENGINES) {
    for (const [operand, stdin] of [[file, undefined], ["-", content], [gz, undefined]] as const) {
      const run = runCli([operand, ...args, "--records", "--engine", engine], stdin);
      expect({ engine, operand, ...run }).toEqual({ engine, operand, code: 0, stdout: expected, stderr: "" });
    }
  }
}

const DATA = '3:\t {"id":"a", "n": [1, {"x":"y"}]}  \t\r\n 9 : {"id":9,"s":"a:b"}\n1:{"id":"c"}\n';

describe("--records", () => {
  test("compact: the record last, as written, without the blanks around it", () => {
    expectOutput(DATA, ["2", "--compact"],
      '[{"score":9,"id":9,"record":{"id":9,"s":"a:b"}},{"score":3,"id":"a","record":{"id":"a", "n": [1, {"x":"y"}]}}]\n');
  });
  test("pretty: a member like the others, the record's own text kept", () => {
    expectOutput(DATA, ["1"], '[\n  {\n    "score": 9,\n    "id": 9,\n    "record": {"id":9,"s":"a:b"}\n  }\n]\n');
  });
  test("with --locations: after input and line", () => {
    const file = temp.file(DATA);
    for (const engine of ENGINES) {
      expect(runCli([file, "1", "--records", "--locations", "--compact", "--engine", engine]).stdout)
        .toBe(`[{"score":9,"id":9,"input":${JSON.stringify(file)},"line":2,"record":{"id":9,"s":"a:b"}}]\n`);
    }
  });
  test("with --lowest", () => {
    expectOutput(DATA, ["1", "--lowest", "--compact"], '[{"score":1,"id":"c","record":{"id":"c"}}]\n');
  });
  test("--records with --lines is a usage error", () => {
    const file = temp.file(DATA);
    expect(runCli([file, "1", "--records", "--lines"])).toEqual({
      code: 1, stdout: "", stderr: "highest: --lines and --records cannot be used together (see --help)\n",
    });
  });
  test("threads, a large result formatted by the threads that found its rows: the one-thread output", () => {
    const lines = Array.from({ length: 70000 }, (_, i) => `${(i * 7919) % 65521}:  {"id":${i},"v":"${"z".repeat(i % 13)}"} \n`).join("");
    const file = temp.file(lines);
    const one = runCli([file, "100000", "--records", "--compact", "--threads", "1"]);
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.stdout) as Array<{ id: number; record: { id: number; v: string } }>;
    expect(parsed.length).toBe(70000);
    expect(parsed.every((row) => row.record.id === row.id && row.record.v === "z".repeat(row.id % 13))).toBe(true);
    for (const engine of ENGINES) {
      const run = runCli([file, "100000", "--records", "--compact", "--engine", engine, "--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "65536"]);
      expect(run).toEqual(one);
    }
  });
});

describe("the library's records option", () => {
  test("records: true gives each winner its record's JSON text, and only that", async () => {
    const file = temp.file(DATA);
    for (const engine of ENGINES) {
      const winners = await highest(file, 2, { records: true, engine });
      expect(winners.map((w) => [w.score, w.record, w.text])).toEqual([[9n, '{"id":9,"s":"a:b"}', undefined], [3n, '{"id":"a", "n": [1, {"x":"y"}]}', undefined]]);
      expect(formatWinners(winners, { compact: true, records: true })).toBe(runCli([file, "2", "--records", "--compact"]).stdout);
      const plain = await highest(file, 1, { engine });
      expect(plain[0].record).toBeUndefined();
    }
  });
  test("records must be true or false", async () => {
    await expect(highest(temp.file(DATA), 1, { records: 1 } as never)).rejects.toThrow(new HighestError("usage", "records must be true or false, not 1"));
  });
});
