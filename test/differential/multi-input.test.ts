// Differential test of several inputs ranked as one (issue 8 point 8): many seeded input sets
// (files from test/helpers/records.ts: several files, plain and gzip, single- and multi-member, CRLF, blank lines such as " \r \n",
// ties within and across files, scores beyond 2^64 and negative, the odd invalid line) through
// the library at random unit sizes, chunk sizes, thread counts and engines, against the
// independent oracle of test/helpers/multi-oracle.ts. Every parameter is drawn independently
// from the seed's PRNG, so e.g. count 0 meets every chunk size.
//
// Replay one set: HIGHEST_MULTI_SEED=<seed> npx jest test/differential/multi-input.test.ts
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/internal";
import { seededDraws } from "../helpers/prng";
import { randomRecords, toBytes } from "../helpers/records";
import { OracleInput, multiOracle } from "../helpers/multi-oracle";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const temp = tempFolder("highest-multi-diff-");

interface InputSet {
  /** Decompressed text of each file, one char per byte. */
  texts: string[];
  /** How each is stored: plain, one gzip member, or several. */
  storage: Array<"plain" | "gzip" | "gzip-members">;
}

/** An input set for `seed`. The generator's small score pool gives ties within and across files. */
function inputSet(seed: number): InputSet {
  const { int, pick } = seededDraws(seed * 7919 + 1);
  const invalid = pick([0, 0, 0, 0.002, 0.02]);
  const files = int(1, 5);
  const texts: string[] = [];
  const storage: InputSet["storage"] = [];
  for (let f = 0; f < files; f++) {
    const text = randomRecords(seed * 31 + f, { lines: pick([0, 1, 3, 20, 100, 400]), blank: 0.1, invalid, crlf: 1 / 3, pad: 100 });
    texts.push(text);
    storage.push(text.length === 0 ? "plain" : pick(["plain", "plain", "gzip", "gzip-members"]));
  }
  return { texts, storage };
}

function stored(text: string, how: InputSet["storage"][number]): Buffer {
  const bytes = Buffer.from(toBytes(text));
  if (how === "plain") return bytes;
  if (how === "gzip") return zlib.gzipSync(bytes);
  const cut = Math.floor(bytes.length / 2);
  return Buffer.concat([zlib.gzipSync(bytes.subarray(0, cut)), zlib.gzipSync(bytes.subarray(cut))]);
}

const only = process.env.HIGHEST_MULTI_SEED;
const SEEDS = only !== undefined ? [Number(only)] : Array.from({ length: 160 }, (_, i) => 1000 + i);

describe("several inputs ranked as one: the library equals the multi-input oracle", () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}`, async () => {
      const set = inputSet(seed);
      const { pick, random } = seededDraws(seed * 104729 + 3); // the run's parameters: their own draws
      const folder = path.join(temp.path, `set-${seed}`);
      fs.mkdirSync(folder);
      const paths = set.texts.map((text, i) => {
        const file = path.join(folder, `in-${i}${set.storage[i] === "plain" ? "" : pick(["", ".gz"])}`);
        fs.writeFileSync(file, stored(text, set.storage[i]));
        return file;
      });
      const inputs: OracleInput[] = set.texts.map((text, i) => ({ name: paths[i], bytes: toBytes(text) }));
      const records = set.texts.reduce((sum, text) => sum + text.split("\n").length, 0);
      const count = BigInt(pick([0, 1, 2, 5, 17, records, records + 5, 1e9]));
      const params = {
        engine: pick(["wasm", "js"] as const),
        threads: pick([1, 2, 3]),
        chunkSize: pick([1, 2, 7, 64, 333, 4096, 1 << 20]),
        segmentBytes: pick([1, 5, 64, 200, 1000, 32 << 20]),
        strict: random() < 0.3,
      };
      const expected = multiOracle(inputs, count, { strict: params.strict });
      const got = await highest(paths, count, {
        engine: params.engine, threads: params.threads, chunkSize: params.chunkSize, strict: params.strict,
        tuning: { minThreadedBytes: 0, segmentBytes: params.segmentBytes },
      }).then(
        (winners) => ({ ok: true as const, winners: winners.map((w) => ({ score: w.score, idJson: w.idJson, input: w.input, line: w.line })) }),
        (error: unknown) => {
          if (!(error instanceof HighestError)) throw error;
          return { ok: false as const, kind: error.kind, input: error.input, line: error.line, message: error.message };
        },
      );
      const want = expected.ok
        ? { ok: true as const, winners: expected.winners.map(({ score, idJson, input, line }) => ({ score, idJson, input, line })) }
        // One input: messages start with "line N"; several: the input is named.
        : { ok: false as const, kind: "data", input: paths.length > 1 ? expected.input : undefined, line: expected.line, message: expect.any(String) };
      expect({ seed, count, params, ...got }).toEqual({ seed, count, params, ...want });
    });
  }
});

test("the seeded sets cover what they are meant to (errors, gzip, several files, cross-file ties)", () => {
  let errors = 0, gzip = 0, members = 0, several = 0, crossTies = 0;
  for (const seed of SEEDS) {
    const set = inputSet(seed);
    const inputs = set.texts.map((text, i) => ({ name: String(i), bytes: toBytes(text) }));
    if (!multiOracle(inputs, 1_000_000n, { strict: true }).ok) errors++;
    if (set.storage.includes("gzip")) gzip++;
    if (set.storage.includes("gzip-members")) members++;
    if (set.texts.length > 1) several++;
    const scores = new Map<string, Set<number>>();
    set.texts.forEach((text, i) => {
      for (const m of text.matchAll(/^[ \t]*([+-]?[0-9]+)[ \t]*:/gm)) {
        const key = BigInt(m[1]).toString();
        scores.set(key, (scores.get(key) ?? new Set()).add(i));
      }
    });
    if ([...scores.values()].some((files) => files.size > 1)) crossTies++;
  }
  if (only !== undefined) return;
  expect({ errors: errors >= 10, gzip: gzip >= 20, members: members >= 20, several: several >= 60, crossTies: crossTies >= 20 })
    .toEqual({ errors: true, gzip: true, members: true, several: true, crossTies: true });
});
