// --lowest and --records (issue 29 items 2 and 4), differential: generated files (seeded: a
// failure replays from its seed; CRLF, blank lines, ties, scores beyond 2^64 and negative) ranked
// by the built CLI must print exactly what the oracle (test/helpers/multi-oracle.ts) says, for
// each option alone and both together, both engines, 1 and 2 threads over small segments, plain
// and gzip, with --locations on some.
import * as zlib from "node:zlib";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { randomRecords, toBytes } from "../helpers/records";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(300_000);
const temp = tempFolder("highest-rank-options-");
const MODES = { lowest: ["--lowest"], records: ["--records"], both: ["--lowest", "--records"] } as const;
const THREADS = { 1: ["--threads", "1"], 2: ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "2048"] } as const;

for (const seed of [2901, 2902, 2903]) {
  test(`seed ${seed}: --lowest, --records and both, as the oracle says`, () => {
    const bytes = Buffer.from(toBytes(randomRecords(seed, { lines: 400 + (seed % 7) * 50, pad: 200 })));
    const plain = temp.file(bytes);
    const gz = temp.file(zlib.gzipSync(bytes));
    const count = [7n, 120n, 100000n][seed % 3];
    for (const [mode, flags] of Object.entries(MODES)) {
      const expected = multiOracle([{ name: plain, bytes }], count, { lowest: mode !== "records" });
      if (!expected.ok) throw new Error(`seed ${seed}: the generated records are meant to be valid`);
      for (const locations of [false, true]) {
        const format = { compact: true, locations, records: mode !== "lowest" };
        const want = oracleOutput(expected.winners.map((w) => ({ ...w, input: w.input })), format).toString("utf8");
        for (const [file, name] of [[plain, "plain"], [gz, "gzip"]] as const) {
          const wanted = locations ? want.split(JSON.stringify(plain)).join(JSON.stringify(file)) : want;
          for (const engine of ["wasm", "js"]) {
            for (const [threads, tuning] of Object.entries(THREADS)) {
              const args = [file, String(count), ...flags, "--compact", ...(locations ? ["--locations"] : []), "--engine", engine, ...tuning];
              const run = runCli(args);
              expect({ seed, mode, name, engine, threads, locations, ...run })
                .toEqual({ seed, mode, name, engine, threads, locations, code: 0, stdout: wanted, stderr: "" });
            }
          }
        }
      }
    }
  });
}
