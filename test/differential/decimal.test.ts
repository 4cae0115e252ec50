// --decimal (issue 29 item 3), differential: seeded files of decimal scores at the edges (-0,
// 0.0, 1e0, 1E+00, 00.50, ties by value written differently, 40-digit mantissas, exponents at
// the 9-digit limit, integers on and off the 64-bit path) ranked by the built CLI must print
// exactly what the oracle (test/helpers/multi-oracle.ts, exact rationals in BigInt) says:
// highest and --lowest, both engines, 1 and 2 threads over small segments, plain and gzip, and
// --shard parts merged. Then the messages: without --decimal, and scores --decimal refuses.
import * as zlib from "node:zlib";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { seededUint32 } from "../helpers/prng";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(300_000);
const temp = tempFolder("highest-decimal-");
const THREADS = { 1: ["--threads", "1"], 2: ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "1024"] } as const;

/** Scores at the edges: zeros, ties by value, the exponent limit, the 64-bit and 2^53 edges. */
const EDGES = [
  "-0", "0", "0.0", "-0.0", "+0e5", "0E-999999999999", "00.000",
  "1e0", "1E+00", "1", "1.0", "+1.000", "10e-1", "0.1e1", "001",
  "00.50", "0.5", "5e-1", "-00.50", "-0.5",
  "1e2", "100", "100.000", "1.00E2", "+1e+2",
  "0.1", "0.10000000000000001", "0.09999999999999999", "-0.1", "-0.10000000000000001",
  "1e999999999", "9.99e999999999", "-1e999999999", "123e999999997", "1e-999999999", "-1e-999999999",
  "0.001e-999999996", "12.5e-999999999",
  "999999999999999999", "999999999999999999.5", "1000000000000000000", "1e18", "9.99999999999999999e17",
  "-999999999999999999.5", "-1e18", "9007199254740993", "9007199254740992.5", "9.007199254740993e15",
  "1234567890123456789012345678901234567890", "1234567890123456789012345678901234567890.1",
  "0.1234567890123456789012345678901234567890", "-1234567890123456789.012345678901234567890e-5",
];

function digits(next: () => number, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += String(next() % 10);
  return text;
}

/** A random decimal score: sign, leading zeros, 1-40 digit mantissa with a point somewhere, an exponent. */
function randomScore(next: () => number): string {
  const sign = ["", "", "+", "-", "-"][next() % 5];
  const zeros = ["", "", "", "0", "00"][next() % 5];
  const length = 1 + (next() % 40);
  const mantissa = digits(next, length);
  const point = next() % (length + 1);
  const fraction = point < length && next() % 3 !== 0 ? `${mantissa.slice(0, point) || "0"}.${mantissa.slice(point)}` : mantissa;
  const exponent = next() % 3 === 0 ? `${["e", "E"][next() % 2]}${["", "+", "-"][next() % 3]}${next() % 40}` : "";
  return sign + zeros + fraction + exponent;
}

/** A file of `lines` records with decimal scores (edges, random ones, repeats for ties), blank lines and CRLF. */
function decimalFile(seed: number, lines: number): Buffer {
  const next = seededUint32(seed);
  const used: string[] = [];
  let text = "";
  for (let i = 0; i < lines; i++) {
    const pick = next() % 10;
    const score = pick < 3 ? EDGES[next() % EDGES.length] : pick < 4 && used.length > 0 ? used[next() % used.length] : randomScore(next);
    used.push(score);
    const blank = [" ", "", "\t", ""][next() % 4];
    text += `${blank}${score}${blank}:${blank}{"id":"r${i}","pad":"${"x".repeat(next() % 60)}"}${next() % 7 === 0 ? "\r\n" : "\n"}`;
    if (next() % 19 === 0) text += " \t\n";
  }
  return Buffer.from(text, "latin1");
}

for (const seed of [2931, 2932, 2933]) {
  test(`seed ${seed}: --decimal ranks as the oracle says (highest and --lowest, engines, threads, gzip)`, () => {
    const bytes = decimalFile(seed, 300 + (seed % 5) * 80);
    const plain = temp.file(bytes);
    const gz = temp.file(zlib.gzipSync(bytes));
    const count = [9n, 150n, 100000n][seed % 3];
    for (const lowest of [false, true]) {
      const expected = multiOracle([{ name: plain, bytes }], count, { lowest, decimal: true });
      if (!expected.ok) throw new Error(`seed ${seed}: the generated records are meant to be valid (line ${expected.line})`);
      const wanted = oracleOutput(expected.winners, { compact: true }).toString("utf8");
      for (const [file, name] of [[plain, "plain"], [gz, "gzip"]] as const) {
        for (const engine of ["wasm", "js"]) {
          for (const [threads, tuning] of Object.entries(THREADS)) {
            const args = [file, String(count), "--decimal", "--compact", "--engine", engine, ...tuning, ...(lowest ? ["--lowest"] : [])];
            expect({ seed, lowest, name, engine, threads, ...runCli(args) })
              .toEqual({ seed, lowest, name, engine, threads, code: 0, stdout: wanted, stderr: "" });
          }
        }
      }
    }
  });
}

test("--shard parts of a decimal file, merged with --decimal, give the one run's answer (highest and --lowest)", () => {
  const bytes = decimalFile(2939, 900);
  const file = temp.file(bytes);
  for (const lowest of [false, true]) {
    const flags = ["--decimal", ...(lowest ? ["--lowest"] : [])];
    const expected = multiOracle([{ name: file, bytes }], 40n, { lowest, decimal: true });
    if (!expected.ok) throw new Error("the generated records are meant to be valid");
    for (const engine of ["wasm", "js"]) {
      const parts = [0, 1, 2].map((i) => {
        const run = runCli([file, "40", "--lines", "--shard", `${i}/3`, "--engine", engine, ...flags]);
        expect({ part: i, code: run.code, stderr: run.stderr }).toEqual({ part: i, code: 0, stderr: "" });
        return temp.file(Buffer.from(run.stdout, "utf8"));
      });
      const merged = runCli([...parts, "40", "--compact", "--engine", engine, ...flags]);
      expect({ lowest, engine, ...merged })
        .toEqual({ lowest, engine, code: 0, stdout: oracleOutput(expected.winners, { compact: true }).toString("utf8"), stderr: "" });
    }
  }
});

describe("messages", () => {
  const cases: Array<[string, string[], string]> = [
    ["5.5: {\"id\":1}\n", [], 'highest: line 1: score is not an integer (--decimal reads decimal scores): "5.5: {\\"id\\":1}"\n'],
    ["7: {\"id\":0}\n1e3 : {\"id\":1}\n", [], 'highest: line 2: score is not an integer (--decimal reads decimal scores): "1e3 : {\\"id\\":1}"\n'],
    ["1.5x: {\"id\":1}\n", [], 'highest: line 1: score is not an integer: "1.5x: {\\"id\\":1}"\n'],
    ["1.5x: {\"id\":1}\n", ["--decimal"], 'highest: line 1: score is not a decimal number: "1.5x: {\\"id\\":1}"\n'],
    ["5.: {\"id\":1}\n", ["--decimal"], 'highest: line 1: score is not a decimal number: "5.: {\\"id\\":1}"\n'],
    ["1e1000000000: {\"id\":1}\n", ["--decimal"],
      'highest: line 1: score\'s exponent has more than 9 digits once normalised: "1e1000000000: {\\"id\\":1}"\n'],
    ["0.01e-999999998: {\"id\":1}\n", ["--decimal"],
      'highest: line 1: score\'s exponent has more than 9 digits once normalised: "0.01e-999999998: {\\"id\\":1}"\n'],
  ];
  for (const [input, flags, message] of cases) {
    test(`${JSON.stringify(input)} ${flags.join(" ")}`, () => {
      for (const engine of ["wasm", "js"]) {
        const file = temp.file(Buffer.from(input));
        expect({ engine, ...runCli([file, "5", "--engine", engine, ...flags]) }).toEqual({ engine, code: 2, stdout: "", stderr: message });
      }
    });
  }
});
