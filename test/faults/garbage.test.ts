// Garbage in (issue 5): random bytes, NUL bytes, invalid UTF-8, a 256 MiB line, lines at
// the 64 MiB limit, only newlines, no newline at all, huge scores, deep records, a long
// line read in small pieces. Through the spawned CLI with both engines: never a crash or a
// stack trace, always exit 0 or 2 with nothing else than the output or one `highest: ` line.
// No time bounds (jest's timeout only catches a hang): linear time is checked by work counted.
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_LINE_BYTES } from "../../src/core/scan/engine";
import { highest } from "../../src/node/internal";
import { oracle } from "../helpers/oracle";
import { expectCleanFailure, spawnHighest, SpawnResult } from "../helpers/spawn-highest";
import { tempFolder } from "../helpers/temp-folder";
import { seededUnit } from "../helpers/prng";

jest.setTimeout(180_000);
const ENGINES = ["wasm", "js"] as const;
const MiB = 1024 * 1024;

const temp = tempFolder("highest-garbage-");
const fileWith = (content: string | Uint8Array) => temp.file(content);
let bigFiles = 0;

/** A file made of `pieces` written one after another (for big files without holding them). */
function bigFile(pieces: Array<string | Uint8Array>): { file: string } {
  const file = path.join(temp.path, `big-${bigFiles++}.data`);
  const fd = fs.openSync(file, "w");
  for (const piece of pieces) if (typeof piece === "string") fs.writeSync(fd, piece); else fs.writeSync(fd, piece);
  fs.closeSync(fd);
  return { file };
}

/**
 * The bytes a run searches (lastIndexOf: the reader's newline search), moves (copyWithin: a
 * carried line) and copies (set: buffers that grow) in typed arrays: its work, counted.
 */
async function typedArrayWork(run: () => Promise<unknown>): Promise<number> {
  const typed = Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array;
  const { lastIndexOf, copyWithin, set } = typed;
  let work = 0;
  typed.lastIndexOf = function (this: Uint8Array, ...args: Parameters<Uint8Array["lastIndexOf"]>) {
    work += this.length;
    return lastIndexOf.apply(this, args);
  };
  typed.copyWithin = function (this: Uint8Array, target: number, start: number, end = this.length) {
    work += end - start;
    return copyWithin.call(this, target, start, end);
  };
  typed.set = function (this: Uint8Array, source: ArrayLike<number>, offset?: number) {
    work += source.length;
    return set.call(this, source, offset);
  };
  try {
    await run();
  } finally {
    Object.assign(typed, { lastIndexOf, copyWithin, set });
  }
  return work;
}

/** `count` copies of `byte`, written in 16 MiB slices. */
function repeated(byte: string, count: number): Uint8Array[] {
  const slice = Buffer.alloc(Math.min(count, 16 * MiB), byte);
  const out: Uint8Array[] = [];
  for (let left = count; left > 0; left -= slice.length) out.push(slice.subarray(0, Math.min(left, slice.length)));
  return out;
}


/** The run matches the oracle: same output, or exit 2 naming the same line. */
function expectOracle(run: SpawnResult, bytes: Uint8Array, count: bigint, strict = false): void {
  const expected = oracle(bytes, count, { strict });
  if (expected.ok) {
    expect({ timedOut: run.timedOut, code: run.code, stderr: run.stderr }).toEqual({ timedOut: false, code: 0, stderr: "" });
    expect(run.stdout).toBe(expected.stdout);
  } else {
    expectCleanFailure(run, 2, new RegExp(`^highest: line ${expected.line}: `));
  }
}

async function bothEngines(args: string[], check: (run: SpawnResult, engine: string) => void, options = {}): Promise<void> {
  for (const engine of ENGINES) check(await spawnHighest(["--engine", engine, "--threads", "1", ...args], options), engine);
}

/** Both engines with 2 threads, threading any file, in 4 MiB segments. */
async function bothEnginesThreaded(args: string[], check: (run: SpawnResult, engine: string) => void, options = {}): Promise<void> {
  const tuning = ["--min-threaded-bytes", "0", "--segment-bytes", String(4 * MiB)];
  for (const engine of ENGINES) check(await spawnHighest(["--engine", engine, "--threads", "2", ...tuning, ...args], options), engine);
}

describe("random bytes", () => {
  // Uniform bytes fail on line 1 at once; bytes from a JSON-ish alphabet make many valid lines.
  const alphabets = {
    uniform: Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)),
    jsonish: ['{"id":', "}", '"', "1", "2", "-", "+", "0", ":", " ", "\t", "\n", "\n", "\n", "\r", "\x00", "\xff", "\xc3", "é", ",", "id", "[", "]", "9"],
    lines: ['\n', '\r\n', '5:{"id":1}', '7 : {"id":"x"}', '-3:{"id":2.5}', '\x00', '\xff', ' ', '12.5:{"id":3}', '9:{"id":"\xc3"}', '4:{"a":1}'],
  };
  for (const [name, alphabet] of Object.entries(alphabets)) {
    for (const seed of [1, 2]) {
      for (const size of [1000, 300_000]) {
        test(`${name} alphabet, seed ${seed}, ${size} bytes`, async () => {
          const random = seededUnit(seed * 7919 + size);
          let text = "";
          while (text.length < size) text += alphabet[Math.floor(random() * alphabet.length)];
          const bytes = new Uint8Array(Buffer.from(text, "latin1"));
          const file = fileWith(bytes);
          await bothEngines([file, "3"], (run) => expectOracle(run, bytes, 3n));
          await bothEngines(["--strict", "-", String(10n ** 12n)], (run) => expectOracle(run, bytes, 10n ** 12n, true),
            { stdinFile: file });
        });
      }
    }
  }
});

describe("NUL bytes", () => {
  const cases: Array<[string, string, string]> = [
    ["a file of NUL bytes", "\x00".repeat(100_000), "highest: line 1: "],
    ["a NUL line after valid ones", '5:{"id":1}\n\x00\n7:{"id":2}\n', "highest: line 2: "],
    ["a NUL inside the winner's id string", '5:{"id":1}\n9:{"id":"a\x00b"}\n', "highest: line 2: "],
    ["a NUL after the winner's record", '9:{"id":1}\x00\n5:{"id":2}\n', "highest: line 1: "],
    ["a NUL in the score", '5\x00:{"id":1}\n', "highest: line 1: "],
  ];
  for (const [name, content, message] of cases) {
    test(name, async () => {
      const bytes = new Uint8Array(Buffer.from(content, "latin1"));
      await bothEngines([fileWith(bytes), "5"], (run) => {
        expectCleanFailure(run, 2, new RegExp(`^${message}`));
        expectOracle(run, bytes, 5n);
      });
    });
  }
});

describe("invalid UTF-8", () => {
  const bad = ["\x80", "\xc3(", "\xc0\xaf", "\xed\xa0\x80", "\xf8\x88\x80\x80\x80", "\xff", "\xe2\x82"];
  for (const sequence of bad) {
    const hex = Buffer.from(sequence, "latin1").toString("hex");
    test(`a winner with bytes ${hex} is invalid data; a loser is not parsed; --strict finds it`, async () => {
      const content = Buffer.from(`1:{"id":"ok"}\n9:{"id":"a${sequence}b"}\n`, "latin1");
      const file = fileWith(content);
      await bothEngines([file, "1"], (run) => expectCleanFailure(run, 2, /^highest: line 2: record is not valid UTF-8: "[^\n]*"\n$/));
      const loserFirst = fileWith(Buffer.from(`1:{"id":"a${sequence}b"}\n9:{"id":"ok"}\n`, "latin1"));
      await bothEngines([loserFirst, "1", "--compact"], (run) => {
        expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '[{"score":9,"id":"ok"}]\n', stderr: "" });
      });
      await bothEngines([loserFirst, "1", "--strict"], (run) => expectCleanFailure(run, 2, /^highest: line 1: record is not valid UTF-8: "[^\n]*"\n$/));
    });
  }
  test("valid multi-byte UTF-8 ids are printed byte for byte", async () => {
    const file = fileWith('5:{"id":"é😀\u2028"}\n');
    await bothEngines([file, "1", "--compact"], (run) => {
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '[{"score":5,"id":"é😀\u2028"}]\n', stderr: "" });
    });
  });
  test("a byte order mark before a record is not JSON (with or without a blank before it)", async () => {
    for (const gap of ["", " "]) {
      const file = fileWith(`5:${gap}\ufeff{"id":1}\n`);
      await bothEngines([file, "1"], (run) => expectCleanFailure(run, 2, /^highest: line 1: record is not valid JSON: "[^\n]*"\n$/));
    }
  });
});

describe("very long lines", () => {
  test("a 256 MiB line is invalid data naming its line, from a file and from a pipe", async () => {
    const { file } = bigFile(['1:{"id":1}\n', '2:{"id":"', ...repeated("x", 256 * MiB), '"}\n', '3:{"id":3}\n']);
    const message = new RegExp(`^highest: line 2: line is longer than ${MAX_LINE_BYTES / MiB} MiB: "2:\\{\\\\"id\\\\":\\\\"x{31}"…\\n$`);
    await bothEngines([file, "5"], (run) => expectCleanFailure(run, 2, message));
    await bothEnginesThreaded([file, "5"], (run) => expectCleanFailure(run, 2, message));
    await bothEngines(["-", "5"], (run) => expectCleanFailure(run, 2, message), { stdinFile: file });
    fs.rmSync(file);
  });

  test("a line of exactly MAX_LINE_BYTES is accepted, one byte more is not", async () => {
    const prefix = '7:{"id":"';
    const suffix = '"}';
    const padding = MAX_LINE_BYTES - prefix.length - suffix.length;
    const atLimit = bigFile(['1:{"id":1}\n', prefix, ...repeated("x", padding), suffix, "\n"]);
    await bothEngines([atLimit.file, "1", "--compact"], (run) => {
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '[{"score":7,"id":"' + "x".repeat(padding) + '"}]\n', stderr: "" });
    });
    fs.rmSync(atLimit.file);
    // One byte more, as the last line without a newline.
    const over = bigFile(['1:{"id":1}\n', prefix, ...repeated("x", padding + 1), suffix]);
    await bothEngines([over.file, "1"], (run) => expectCleanFailure(run, 2, /^highest: line 2: line is longer than/));
    await bothEnginesThreaded([over.file, "1"], (run) => expectCleanFailure(run, 2, /^highest: line 2: line is longer than/));
    fs.rmSync(over.file);
  });

  for (const engine of ENGINES) {
    test(`a long line read in small pieces costs linear work: twice the line, twice the work (4 KiB reads, ${engine})`, async () => {
      // Looking for the newline from the end of everything held, not just the new bytes (or
      // moving the carried line at each read) would make this quadratic: 4 times the work.
      const work: number[] = [];
      for (const size of [4 * MiB, 8 * MiB]) {
        const { file } = bigFile(['3:{"id":"', ...repeated("y", size), '"}\n1:{"id":1}\n']);
        let winners: Array<{ idJson: string }> = [];
        work.push(await typedArrayWork(async () => { winners = await highest(file, 1, { engine, chunkSize: 4096 }); }));
        expect(winners.map((w) => w.idJson.length)).toEqual([size + 2]);
        expect(work[work.length - 1]).toBeGreaterThanOrEqual(size); // the count sees the search
        fs.rmSync(file);
      }
      expect(work[1] / work[0]).toBeLessThan(3);
    });
  }
});

describe("files without records", () => {
  test("a file of only newlines (64 MiB) prints [], threaded or not", async () => {
    const { file } = bigFile(repeated("\n", 64 * MiB));
    const check = (run: SpawnResult) => {
      expect({ timedOut: run.timedOut, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ timedOut: false, code: 0, stdout: "[]\n", stderr: "" });
    };
    await bothEngines([file, "5"], check);
    await bothEnginesThreaded([file, "5"], check);
    // ...and a bad line after them is found at its number, across segments.
    fs.appendFileSync(file, '\n\n5:{"id":1}\nbad\n');
    const bad = new RegExp(`^highest: line ${64 * MiB + 4}: `);
    await bothEngines([file, "5"], (run) => expectCleanFailure(run, 2, bad));
    await bothEnginesThreaded([file, "5"], (run) => expectCleanFailure(run, 2, bad));
    fs.rmSync(file);
  });
  test("only blanks, \\r\\n endings and tabs print []; then a bad line is found at its number", async () => {
    const blank = " \t \r\n\r\n\t\n".repeat(100_000); // 300 000 lines
    await bothEngines([fileWith(blank), "5"], (run) => expect([run.code, run.stdout, run.stderr]).toEqual([0, "[]\n", ""]));
    await bothEngines([fileWith(blank + "x\n"), "5"], (run) => expectCleanFailure(run, 2, /^highest: line 300001: /));
  });
  test("an empty file prints []", async () => {
    await bothEngines([fileWith(""), "0"], (run) => expect([run.code, run.stdout, run.stderr]).toEqual([0, "[]\n", ""]));
  });
});

describe("no newline at all", () => {
  test("one record without a newline", async () => {
    await bothEngines([fileWith('  -0 : {"id": 18446744073709551616 } \t'), "3", "--compact"], (run) => {
      expect([run.code, run.stdout, run.stderr]).toEqual([0, '[{"score":0,"id":18446744073709551616}]\n', ""]);
    });
  });
  test("10 MB of garbage without a newline is invalid on line 1", async () => {
    const bytes = new Uint8Array(Buffer.alloc(10_000_000, "\x00garbage 12:{\"id\":1} \xff\r", "latin1"));
    bytes[0] = 0x41; // not a digit: the line is invalid whatever follows
    await bothEngines([fileWith(bytes), "3"], (run) => expectCleanFailure(run, 2, /^highest: line 1: /));
  });
  test("a 10 MB valid record without a newline, through a pipe", async () => {
    const file = fileWith(`42:{"pad":"${"z".repeat(10_000_000)}","id":"last"}`);
    await bothEngines(["-", "3", "--compact"], (run) => {
      expect([run.code, run.stdout, run.stderr]).toEqual([0, '[{"score":42,"id":"last"}]\n', ""]);
    }, { stdinFile: file });
  });
});

describe("extreme values", () => {
  test("a score of a million digits is compared and printed exactly", async () => {
    const big = "9".repeat(1_000_000);
    const bigger = "1" + "0".repeat(1_000_000);
    const file = fileWith(`${big}:{"id":"big"}\n-${bigger}:{"id":"lowest"}\n${bigger}:{"id":"bigger"}\n5:{"id":"small"}\n`);
    await bothEngines([file, "4", "--compact"], (run) => {
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toBe(`[{"score":${bigger},"id":"bigger"},{"score":${big},"id":"big"},{"score":5,"id":"small"},{"score":-${bigger},"id":"lowest"}]\n`);
    });
  });
  test("a winner nested a million levels deep does not crash", async () => {
    const deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    const file = fileWith(`5:{"deep":${deep},"id":"deep"}\n6:{"deep":${"{\"a\":".repeat(100_000)}1${"}".repeat(100_000)},"id":"objects"}\n`);
    await bothEngines([file, "2", "--compact"], (run) => {
      expect([run.code, run.stdout, run.stderr]).toEqual([0, '[{"score":6,"id":"objects"},{"score":5,"id":"deep"}]\n', ""]);
    });
  });
  test("200 000 records with a count of 10^40 come out all, in order (the heap grows many times)", async () => {
    const n = 200_000;
    const random = seededUnit(5);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    // Scores of mixed signs and magnitudes (up to 30 digits), in shuffled order.
    const score = (i: number) => BigInt(i - n / 2) * 10n ** BigInt(i % 25);
    const lines = order.map((i) => `${score(i)}:{"id":${i}}`);
    lines.push(`${score(order[0])}:{"id":"tie"}`); // equal to line 1's score: ranks right after it
    const file = fileWith(lines.join("\n") + "\n");
    const expected = oracle(new Uint8Array(fs.readFileSync(file)), 10n ** 40n, { compact: true });
    await bothEngines([file, String(10n ** 40n), "--compact"], (run) => {
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(run.stdout).toBe((expected as { stdout: string }).stdout);
    });
  });
});
