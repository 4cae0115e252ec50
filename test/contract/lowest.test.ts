// --lowest (SPEC: Command line, Output): the N lowest scores, lowest first; equal scores still
// go to the earlier input, then the earlier line. Through the built command on both engines,
// a file, standard input and gzip, threads (both merges: two lists inline, more lists or scores
// beyond 64 bits compared one by one), --shard parts merged with --lines, and the library.
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/index";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const ENGINES = ["wasm", "js"] as const;
const temp = tempFolder("highest-lowest-");
const THREADED = ["--min-threaded-bytes", "0", "--segment-bytes", "512"];

const compact = (items: Array<[string, string]>) =>
  `[${items.map(([score, id]) => `{"score":${score},"id":${id}}`).join(",")}]\n`;

/** Runs `args` over `content` as a file, as standard input and as a gzip file, on both engines: all must print `expected`. */
function expectLowest(content: string, args: string[], expected: string) {
  const file = temp.file(content);
  const gz = temp.file(zlib.gzipSync(Buffer.from(content)));
  for (const engine of ENGINES) {
    for (const [operand, stdin] of [[file, undefined], ["-", content], [gz, undefined]] as const) {
      const run = runCli([operand, ...args, "--lowest", "--compact", "--engine", engine], stdin);
      expect({ engine, operand, ...run }).toEqual({ engine, operand, code: 0, stdout: expected, stderr: "" });
    }
  }
}

/** `n` records: score f(i), id i (1-based), one a line. */
const lines = (n: number, score: (i: number) => bigint | number) =>
  Array.from({ length: n }, (_, k) => `${score(k + 1)}:{"id":${k + 1},"pad":"${"x".repeat(40)}"}\n`).join("");

/** The ids of the `count` lowest of lines(n, score), lowest first, ties by line. */
const lowestIds = (n: number, score: (i: number) => bigint | number, count: number) =>
  Array.from({ length: n }, (_, k) => ({ id: k + 1, score: BigInt(score(k + 1)) }))
    .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id - b.id)).slice(0, count)
    .map(({ id, score }) => [String(score), String(id)] as [string, string]);

describe("--lowest ranks ascending", () => {
  const data = '5:{"id":"a"}\n-3:{"id":"b"}\n9:{"id":"c"}\n0:{"id":"d"}\n-3:{"id":"e"}\n';
  test("the N lowest, lowest first, when the count is reached (the heap keeps the lowest)", () => {
    expectLowest(data, ["2"], compact([["-3", '"b"'], ["-3", '"e"']]));
    expectLowest(data, ["3"], compact([["-3", '"b"'], ["-3", '"e"'], ["0", '"d"']]));
  });
  test("every record, lowest first, when the count is never reached (ranked after the scan)", () => {
    expectLowest(data, ["10"], compact([["-3", '"b"'], ["-3", '"e"'], ["0", '"d"'], ["5", '"a"'], ["9", '"c"']]));
  });
  test("equal scores: the earlier line first", () => {
    expectLowest('7:{"id":1}\n7:{"id":2}\n8:{"id":0}\n7:{"id":3}\n', ["2"], compact([["7", "1"], ["7", "2"]]));
  });
  test("-0 and +0 are 0, printed as 0", () => {
    expectLowest('-0:{"id":1}\n+000:{"id":2}\n1:{"id":3}\n', ["2"], compact([["0", "1"], ["0", "2"]]));
  });
  test("scores beyond 2^53 and beyond 64 bits, negative and positive, compared exactly", () => {
    const big = [
      "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "-18446744073709551617",
      "-18446744073709551616", "9223372036854775807", "-9223372036854775808", "-9223372036854775809",
      "9007199254740993", "9007199254740992", "-1000000000000000000", "-999999999999999999", "0", "-1",
    ];
    const content = big.map((score, i) => `${score}:{"id":${i}}\n`).join("");
    const sorted = big.map((score, i) => ({ score: BigInt(score), i })).sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.i - b.i));
    for (const count of [1, 4, 9, big.length + 1]) {
      expectLowest(content, [String(count)], compact(sorted.slice(0, count).map(({ score, i }) => [String(score), String(i)])));
    }
  });
});

describe("--lowest with threads, inputs and shards", () => {
  const score = (i: number) => (i * 7919) % 211 - 100; // many ties, spread over the file
  const bigScore = (i: number) => (i % 50 === 0 ? -(10n ** 30n) - BigInt(i % 7) : BigInt(score(i)) * 10n ** 17n);
  test("threads give the one-thread answer: two lists merged inline, three lists, scores beyond 64 bits", () => {
    for (const [name, f] of [["small", score], ["big", bigScore]] as const) {
      const file = temp.file(lines(1500, f));
      for (const count of [5, 300, 2000]) {
        const expected = compact(lowestIds(1500, f, count));
        for (const engine of ENGINES) {
          for (const threads of ["2", "3"]) {
            const run = runCli([file, String(count), "--lowest", "--compact", "--engine", engine, "--threads", threads, ...THREADED]);
            expect({ name, count, engine, threads, ...run }).toEqual({ name, count, engine, threads, code: 0, stdout: expected, stderr: "" });
          }
        }
      }
    }
  });
  test("equal scores across inputs: the earlier input first", () => {
    const a = temp.file('4:{"id":"a1"}\n2:{"id":"a2"}\n');
    const b = temp.file('2:{"id":"b1"}\n1:{"id":"b2"}\n');
    for (const engine of ENGINES) {
      expect(runCli([b, a, "3", "--lowest", "--compact", "--engine", engine]).stdout).toBe(compact([["1", '"b2"'], ["2", '"b1"'], ["2", '"a2"']]));
    }
  });
  test("--shard parts with --lines, merged with --lowest, print the single run's answer", () => {
    const f = (i: number) => (i % 3 === 0 ? bigScore(i) : BigInt(score(i)));
    const first = temp.file(lines(700, f));
    const second = temp.file(zlib.gzipSync(Buffer.from(lines(300, (i) => f(i + 700)))));
    for (const engine of ENGINES) {
      const single = runCli([first, second, "40", "--lowest", "--engine", engine]);
      expect(single.code).toBe(0);
      const parts = [0, 1, 2, 3].map((i) => {
        const run = runCli(["--shard", `${i}/4`, "--lines", "--lowest", first, second, "40", "--engine", engine]);
        expect(run.code).toBe(0);
        return temp.file(run.stdout);
      });
      expect(runCli([...parts, "40", "--lowest", "--engine", engine])).toEqual(single);
    }
  });
});

describe("the library's lowest option", () => {
  test("lowest: true ranks ascending, exact scores as bigints", async () => {
    const file = temp.file('5:{"id":"a"}\n-99999999999999999999999:{"id":"b"}\n9:{"id":"c"}\n');
    for (const engine of ENGINES) {
      const winners = await highest(file, 2, { lowest: true, engine });
      expect(winners.map((w) => [w.score, w.id, w.line])).toEqual([[-99999999999999999999999n, "b", 2], [5n, "a", 1]]);
    }
  });
  test("lowest must be true or false (a usage error in the library's words)", async () => {
    await expect(highest(temp.file("1:{\"id\":1}\n"), 1, { lowest: "yes" } as never)).rejects.toThrow(new HighestError("usage", 'lowest must be true or false, not "yes"'));
  });
});
