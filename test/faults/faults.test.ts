// Faults (issue 5): an input that changes between the scan and the re-read of the winners
// (exit 1, never a wrong answer), inputs that cannot be read (exit 1 with the OS reason),
// a reader that goes away (quiet end), output that cannot be written, and SIGINT during a
// long run (prompt stop, from a pipe and from a file, with and without worker threads).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { HighestError } from "../../src/core/model/errors";
import { ByteSource, BytesSource } from "../../src/core/input/source";
import { FileAccess } from "../../src/node/access";
import { LARGE_RESULT_ROWS } from "../../src/core/model/numbers";
import { highest } from "../../src/node/internal";
import { CLI } from "../helpers/run-cli";
import { expectCleanFailure, spawnHighest, SpawnResult, startHighest } from "../helpers/spawn-highest";
import { runPaused } from "../helpers/pause";
import { copyCliInto, OtherUser, unprivilegedUser } from "../helpers/other-user";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const ENGINES = ["wasm", "js"] as const;
const MiB = 1024 * 1024;

const temp = tempFolder("highest-faults-");
const fileWith = (content: string | Uint8Array) => temp.file(content);

const DATA = ['1:{"id":"one"}', '  \t', '30:{"id":"thirty"}', '2:{"id":"two"}', '20:{"id":"twenty"}', ""].join("\n");
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

/** Reads like BytesSource, but re-reads (readAt) through `reread`. */
class ChangingSource extends BytesSource {
  constructor(scanned: Uint8Array, private readonly reread: (offset: number, length: number) => Uint8Array) {
    super(scanned);
  }
  readAt(offset: number, length: number): Uint8Array { return this.reread(offset, length); }
}

/** The run rejects with an input error (exit 1) that says the input changed, naming a line. */
async function expectChanged(run: Promise<unknown>): Promise<void> {
  const error = await run.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(HighestError);
  expect((error as HighestError).exitCode).toBe(1);
  expect((error as HighestError).message).toMatch(/: the input changed while it was read$/);
}

describe("the input changes between the scan and the re-read of the winners", () => {
  const original = bytesOf(DATA);
  const changes: Array<[string, (now: Uint8Array) => Uint8Array]> = [
    ["a winner's score changed, same length", (now) => bytesOf(Buffer.from(now).toString("latin1").replace("30:", "31:").replace("20:", "29:"))],
    ["a winner's score changed to an equal-looking one (+30, 030)", (now) => bytesOf(Buffer.from(now).toString("latin1").replace("30:", "+3:").replace("20:", "02:"))],
    ["the file was truncated", (now) => now.subarray(0, 20)],
    ["the file was emptied", () => new Uint8Array(0)],
    ["lines were shifted by an insertion", (now) => bytesOf("\n" + Buffer.from(now).toString("latin1"))],
    ["a winner's line lost its colon", (now) => bytesOf(Buffer.from(now).toString("latin1").replace("30:", "30 ").replace("20:", "20 "))],
  ];
  // Counts from LARGE_RESULT_ROWS on check records from the bytes the scan read: the change must be found there too.
  for (const [name, change] of changes) {
    for (const engine of ENGINES) {
      for (const count of [2, LARGE_RESULT_ROWS - 1, LARGE_RESULT_ROWS]) {
        test(`${name} (${engine}, count ${count}): exit 1, never a wrong answer`, async () => {
          const changed = change(original);
          const source = new ChangingSource(original, (offset, length) => changed.subarray(offset, offset + length));
          await expectChanged(highest(source, count, { engine }));
        });
      }
    }
  }

  // The reproduction: a real file, rewritten or emptied once the scan has read it all.
  const rewrites: Array<[string, (file: string) => void]> = [
    ["rewritten (a score 5 -> 9)", (file) => fs.writeFileSync(file, DATA.replace("20:", "90:"))],
    ["emptied", (file) => fs.truncateSync(file, 0)],
  ];
  for (const [name, rewrite] of rewrites) {
    for (const engine of ENGINES) {
      for (const count of [LARGE_RESULT_ROWS - 1, LARGE_RESULT_ROWS]) {
        test(`a file ${name} after the scan (${engine}, count ${count}): exit 1`, async () => {
          const file = fileWith(DATA);
          let done = false;
          const onProgress = ({ bytesRead }: { bytesRead: number }) => {
            if (!done && bytesRead === DATA.length) { done = true; rewrite(file); }
          };
          await expectChanged(highest(file, count, { engine, chunkSize: 16, onProgress }));
          expect(done).toBe(true);
        });
      }
    }
  }

  test("a change that keeps every winner's line is not an error (the control case)", async () => {
    // Losers changed, winners kept: the answer is still right, so the run succeeds.
    const changed = bytesOf(DATA.replace("1:", "7:").replace("2:", "8:"));
    const source = new ChangingSource(original, (offset, length) => changed.subarray(offset, offset + length));
    const winners = await highest(source, 2);
    expect(winners.map((w) => [w.score, w.idJson])).toEqual([[30n, '"thirty"'], [20n, '"twenty"']]);
  });

  for (const engine of ENGINES) {
    test(`a real file truncated right after its scan (${engine})`, async () => {
      const file = fileWith(DATA);
      const inner = FileAccess.open(file, file);
      let position = 0;
      // At the end of the scan (the read that returns 0), another process truncates the file.
      const source: ByteSource = {
        size: fs.statSync(file).size,
        read(target) {
          const n = inner.readInto(target, position);
          position += n;
          if (n === 0) fs.truncateSync(file, 10);
          return n;
        },
        readAt: (offset, length) => inner.readAt(offset, length),
        close: () => inner.close(),
      };
      await expectChanged(highest(source, 1, { engine }));
    });
  }

  for (const threads of [1]) {
    test(`a file whose winners' bytes differ when re-read, threads ${threads}`, async () => {
      // Re-reads go through FileAccess.readAt (in this thread when no worker checks).
      const file = fileWith(DATA.repeat(50));
      let altered = 0;
      const spy = jest.spyOn(FileAccess.prototype, "readAt").mockImplementation(function (this: FileAccess, offset: number, length: number) {
        spy.mockRestore();
        altered++;
        const bytes = new Uint8Array(this.readAt(offset, length));
        bytes[0] = bytes[0] === 0x39 ? 0x38 : 0x39; // another first digit: another score
        return bytes;
      });
      try {
        await expectChanged(highest(file, 3, { threads, tuning: { minThreadedBytes: 0, segmentBytes: 64 } }));
        expect(altered).toBe(1);
      } finally {
        spy.mockRestore();
      }
    });
  }
});

describe("inputs that cannot be read: exit 1 with the OS reason", () => {
  for (const engine of ENGINES) {
    test(`a missing file (${engine})`, async () => {
      const missing = path.join(temp.path, "no-such-file.data");
      expectCleanFailure(await spawnHighest(["--engine", engine, missing, "5"]), 1,
        new RegExp(`^highest: ${missing}: No such file or directory\\n$`));
    });
    test(`a directory as standard input (${engine})`, async () => {
      expectCleanFailure(await spawnHighest(["--engine", engine, "-", "5"], { stdinFile: temp.path }), 1, /^highest: standard input: Is a directory\n$/);
    });
    // A "regular file" whose first read fails with EIO: Linux only.
    testUnless(onLinux ? undefined : "needs Linux's /proc/self/mem")(`a read error in the middle of reading: /proc/self/mem (EIO) (${engine})`, async () => {
      expectCleanFailure(await spawnHighest(["--engine", engine, "/proc/self/mem", "5"]), 1, /^highest: \/proc\/self\/mem: Input\/output error\n$/);
    });
  }

  // Mode 000 blocks an ordinary user, not root: as root, the CLI runs as `nobody` instead.
  const isRoot = process.getuid?.() === 0;
  const nobody = unprivilegedUser();
  testUnless(process.platform === "win32" ? "file modes do not block reading on Windows" : isRoot ? "this user is root" : undefined)(
    "no permission to read (as this user)", async () => {
      const file = fileWith('5:{"id":1}\n');
      fs.chmodSync(file, 0o000);
      expect(() => fs.closeSync(fs.openSync(file, "r"))).toThrow(); // the test means something
      expectCleanFailure(await spawnHighest([file, "5"]), 1, new RegExp(`^highest: ${file}: Permission denied\\n$`));
    });

  testUnless(!isRoot ? "runs only as root" : typeof nobody === "string" ? nobody : undefined)(
    "no permission to read (root reads it; the CLI run as nobody is denied)", async () => {
      const user = nobody as OtherUser;
      // The checkout may sit where nobody cannot enter (a mktemp -d folder): nobody runs a
      // copy of the CLI, from a world-readable folder beside the files.
      fs.chmodSync(temp.path, 0o755);
      const cli = copyCliInto(path.join(temp.path, "cli"));
      const asNobody = { uid: user.uid, gid: user.gid, cli, cwd: temp.path };
      const readable = fileWith('7:{"id":2}\n');
      fs.chmodSync(readable, 0o644);
      const file = fileWith('5:{"id":1}\n');
      fs.chmodSync(file, 0o000);
      // As root, mode 000 does not block reading: root reads the file as usual...
      fs.closeSync(fs.openSync(file, "r"));
      const asRoot = await spawnHighest([file, "5", "--compact"], { cli });
      expect([asRoot.code, asRoot.stdout, asRoot.stderr]).toEqual([0, '[{"score":5,"id":1}]\n', ""]);
      // ...nobody runs the copy on a readable file (the control case: the copy works for it)...
      const control = await spawnHighest([readable, "5", "--compact"], asNobody);
      expect([control.code, control.stdout, control.stderr]).toEqual([0, '[{"score":7,"id":2}]\n', ""]);
      // ...and is denied the mode-000 file, with the OS reason.
      expectCleanFailure(await spawnHighest([file, "5"], asNobody), 1, new RegExp(`^highest: ${file}: Permission denied\\n$`));
    });
});

describe("output that goes away or cannot be written", () => {
  let many: string;
  beforeAll(() => {
    let text = "";
    for (let i = 0; i < 200_000; i++) text += `${i}:{"id":${i}}\n`;
    many = fileWith(text); // ~10 MB of output for count 200000: far more than a pipe holds
  });

  for (const engine of ENGINES) {
    test(`a reader that closes the pipe after 10 bytes (like | head -c 10): quiet end (${engine})`, async () => {
      const { child, done } = startHighest(["--engine", engine, many, "200000"]);
      let got = "";
      child.stdout!.removeAllListeners("data");
      child.stdout!.on("data", (chunk: Buffer) => {
        got += chunk.toString();
        if (got.length >= 10) child.stdout!.destroy();
      });
      const run = await done;
      expect(got.slice(0, 10)).toBe("[\n  {\n    ");
      expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: "" });
    });
  }

  test("the shell pipeline `highest file N | head -c 10`: no stack trace, status 0", () => {
    const result = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" "${many}" 200000 2>"${many}.err" | head -c 10; echo " status=\${PIPESTATUS[0]}"`]);
    expect(result.stdout.toString()).toBe("[\n  {\n     status=0\n");
    expect(fs.readFileSync(`${many}.err`, "utf8")).toBe("");
  });

  // /dev/full (Linux, some BSDs): every write fails with ENOSPC.
  testUnless(fs.existsSync("/dev/full") ? undefined : "needs /dev/full")("stdout on a full device: one error line, exit 1, no stack trace", () => {
    const result = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" "${many}" 100 >/dev/full`]);
    expect(result.status).toBe(1);
    expect(result.stderr.toString()).toBe("highest: standard output: No space left on device\n");
  });
});

describe("many threads", () => {
  test("--threads 16 on a threaded file: standard error stays empty (no Node warnings)", async () => {
    // Each worker thread adds listeners to the parent's stdout/stderr: past 10, Node prints a
    // MaxListenersExceededWarning on stderr, breaking "stderr stays empty on success".
    const file = fileWith(DATA.repeat(1000));
    const run = await spawnHighest(["--threads", "16", "--min-threaded-bytes", "0", "--segment-bytes", "4096", "--compact", file, "1"], {
    });
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '[{"score":30,"id":"thirty"}]\n', stderr: "" });
  });
});

// How fast the run stops is not asserted (a busy machine is slow, and timings belong to the
// benchmark): the signal must stop it, cleanly. The signal is sent at a moment the run is known
// to be going; the guard only catches a run that never stops.
describe("SIGINT during a long run stops it: exit 130 or killed by SIGINT, no output, at most one error line", () => {
  /** A run still going after this long is taken to hang (then killed: timedOut). */
  const HANG_MS = 60_000;

  /** The run ended by the signal, or exited 130 after cleaning up (a run that ignored it would end 0); no partial JSON. */
  function expectInterrupted(run: SpawnResult): void {
    expect({ timedOut: run.timedOut }).toEqual({ timedOut: false });
    expect(run.signal === "SIGINT" || run.code === 130).toBe(true);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^(|highest: [^\n]*\n)$/);
  }

  for (const engine of ENGINES) {
    test(`endless records on standard input (${engine})`, async () => {
      const { child, done } = startHighest(["--engine", engine, "-", "10"], { timeoutMs: HANG_MS });
      const stdin = child.stdin!;
      const block = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i * 7919 % 100_003}:{"id":${i}}\n`).join(""));
      let open = true;
      stdin.on("close", () => { open = false; });
      stdin.on("error", () => { open = false; });
      const feed = () => { while (open && stdin.write(block)) { /* until the pipe is full */ } };
      // A "drain" means the run has read a block (more than a pipe holds): it is going, and its input never ends.
      const reading = new Promise((resolve) => stdin.once("drain", resolve));
      stdin.on("drain", feed);
      feed();
      await Promise.race([reading, done]);
      child.kill("SIGINT");
      expectInterrupted(await done);
      open = false;
    });
  }

  for (const threads of [1, 2]) {
    testUnless(onLinux ? undefined : "pauses the run on a FIFO opened read-write (Linux)")(
      `a file being read (js engine, threads ${threads})`, async () => {
        // The run pauses once each thread has opened its first segment (HIGHEST_TEST_PAUSE): it
        // is going (its workers started) when the signal comes.
        const file = path.join(temp.path, `big-${threads}.data`);
        const block = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${i}:{"id":${i}}\n`).join(""));
        const fd = fs.openSync(file, "w");
        for (let size = 0; size < 16 * MiB; size += block.length) fs.writeSync(fd, block);
        fs.closeSync(fd);
        expectInterrupted(await runPaused(["--engine", "js", "--threads", String(threads), "--chunk-size", "32",
          "--min-threaded-bytes", "0", "--segment-bytes", String(MiB), file, "10"], (child) => child.kill("SIGINT"), { timeoutMs: HANG_MS }));
        fs.rmSync(file);
      });
  }
});
