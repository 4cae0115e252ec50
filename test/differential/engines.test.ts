// Both engines against one expected answer (the oracle), over seeded random files (records.ts), at chunk
// sizes down to 1 byte so that chunk boundaries fall inside scores, colons, records and "\r\n".
import { formatWinners } from "../../src/core/output/join";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/internal";
import { oracle } from "../helpers/oracle";
import { randomRecords, toBytes } from "../helpers/records";

const ENGINES = ["wasm", "js"] as const;

/** What the library gives, as the CLI would print it: stdout text, or exit code and line. */
async function outcome(input: Uint8Array, count: bigint, engine: "wasm" | "js", chunkSize?: number, strict = false) {
  try {
    const winners = await highest(input, count, { engine, chunkSize, strict });
    return { ok: true as const, stdout: formatWinners(winners, false) };
  } catch (error) {
    if (!(error instanceof HighestError)) throw error;
    return { ok: false as const, code: error.exitCode, line: error.line };
  }
}

/** A readable stream of the bytes in pieces of `piece` bytes (a source that cannot be re-read). */
async function* pieces(bytes: Uint8Array, piece: number) {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.slice(i, i + piece);
}

describe("chunk boundaries", () => {
  const text = [
    '  -12345678901234567890123 \t: {"id":"big negative"}\r\n',
    "\r\n",
    '+0000000000000000000000000042:{"id":"leading zeros"}\n',
    ' 7 : {"id":"seven"} \t\r\n',
    "\t \n",
    '18446744073709551616:{"id":18446744073709551616}\n',
    '7:{"id":"tie, later"}\n',
    '-0:{"id":"minus zero"}\r',
  ].join("");
  const bytes = new TextEncoder().encode(text);
  const expected = oracle(bytes, 5n);

  test("the oracle's answer is what we think", () => {
    expect(expected).toEqual({ ok: true, stdout: expect.stringContaining('"id": 18446744073709551616') });
  });

  for (const engine of ENGINES) {
    test(`${engine}: every chunk size from 1 to the whole file gives the same output`, async () => {
      for (let chunkSize = 1; chunkSize <= bytes.length + 1; chunkSize++) {
        expect(await outcome(bytes, 5n, engine, chunkSize)).toEqual(expected);
      }
    });
    test(`${engine}: a stream in pieces of every size (lines kept by the engine) gives the same output`, async () => {
      for (const piece of [1, 2, 3, 7, 13, 64, 1000]) {
        for (const chunkSize of [1, 5, 64, 4096]) {
          const winners = await highest(pieces(bytes, piece), 5n, { engine, chunkSize });
          expect({ ok: true, stdout: formatWinners(winners, false) }).toEqual(expected);
        }
      }
    });
    test(`${engine}: a framing error right at a chunk boundary names its line`, async () => {
      const bad = new TextEncoder().encode('1:{"id":"a"}\n2:{"id":"b"}\n3x:{"id":"c"}\n');
      for (let chunkSize = 1; chunkSize <= bad.length; chunkSize++) {
        expect(await outcome(bad, 5n, engine, chunkSize)).toEqual({ ok: false, code: 2, line: 3 });
      }
    });
  }
});

describe("differential: both engines equal the oracle on random files", () => {
  const CASES = Number(process.env.HIGHEST_DIFF_CASES ?? 60);
  for (let seed = 1; seed <= CASES; seed++) {
    test(`seed ${seed}`, async () => {
      const invalid = seed % 3 === 0 ? 0.02 : 0;
      const bytes = toBytes(randomRecords(seed, { lines: 20 + ((seed * 37) % 400), invalid, pad: 300 }));
      const count = BigInt([0, 1, 3, 10, 100, 1000][seed % 6]);
      const strict = seed % 5 === 0;
      const expected = oracle(bytes, count, { strict });
      const chunkSize = [1, 7, 64, 333, 4096, 1 << 20][seed % 6];
      for (const engine of ENGINES) {
        const got = await outcome(bytes, count, engine, chunkSize, strict);
        expect({ seed, engine, ...got }).toEqual({ seed, engine, ...(expected.ok ? expected : { ok: false, code: 2, line: expected.line }) });
      }
    });
  }
});
