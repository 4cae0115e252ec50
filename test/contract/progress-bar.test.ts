// The CLI's progress bar (issue 19) in a real terminal: `script` (util-linux) runs the CLI on a
// pseudo-terminal of 50 columns, its input a FIFO that the test feeds in steps, so the run lasts
// as long as the test wants. Each frame fits the width, in MB and MB/s, the first one showing what
// was read; the bar is erased on every way out: the end, an error, Ctrl-C.
import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { highest } from "../../src/node/internal";
import { progressLine } from "../../src/node/progress";
import { CLI, runCli } from "../helpers/run-cli";
import { whenExists } from "../helpers/pause";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const temp = tempFolder("highest-bar-");
const COLUMNS = 50;
const ERASE = "\x1b[2K";
const withScript = onLinux && spawnSync("script", ["--version"]).status === 0 ? undefined : "needs util-linux script (Linux)";

/** Lines `from`… of valid records, one step of the feed. */
const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${(from + i) * 7919 % 100_003}: {"id":"r-${from + i}"}\n`).join("");
/** A step of the feed: about 260 kB, more than a pipe holds (64 KiB), see feedUntil. */
const STEP = 12_000;

const shellWord = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** Terminals still running when a test ends (it failed): ended, so that a hung run fails its test and no more. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

/** The CLI on a terminal of COLUMNS columns: what it draws there, and how it ended (script gives 128 + n for signal n). */
function inTerminal(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; screen: () => string; done: Promise<number | null> } {
  const command = `stty cols ${COLUMNS} rows 24 && exec ${[process.execPath, CLI, ...args].map(shellWord).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ...env } });
  const chunks: Buffer[] = [];
  child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk));
  running.add(child);
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => { running.delete(child); resolve(code); }));
  return { child, screen: () => Buffer.concat(chunks).toString("utf8"), done };
}

/** The frames drawn before `end` (each redraw starts at column 1), control sequences taken out. */
function frames(screen: string): string[] {
  return screen.split("\x1b[1G").slice(1).map((frame) => frame.replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78])/g, "").replace("^C", "")).filter((frame) => frame !== "");
}

/** The input FIFO, opened for writing (once the CLI opens it), fed step by step. */
async function feeder(fifo: string): Promise<{ fed: string; write: (text: string) => Promise<boolean>; step: () => Promise<boolean>; close: () => Promise<void> }> {
  const handle = await fs.promises.open(fifo, "w");
  const feed = {
    fed: "",
    /** Writes `text`; false once the reader has gone. */
    async write(text: string): Promise<boolean> {
      try {
        await handle.write(text);
      } catch {
        return false;
      }
      feed.fed += text;
      return true;
    },
    /** Writes the next step of records. */
    step: () => feed.write(records(feed.fed.split("\n").length - 1, STEP)),
    close: () => handle.close(),
  };
  return feed;
}

/**
 * Feeds until `until()` holds, a step at a time, each written once the run has read the step
 * before it: a step is more than the FIFO holds, so its write ends only when the run has read all
 * that came before it (and most of it). The feed goes at the pace of the run's reads, not a clock's.
 */
async function feedUntil(feed: { step: () => Promise<boolean> }, until: () => boolean): Promise<void> {
  while (!until()) {
    if (!(await feed.step())) throw new Error("the run ended before the test was done with it");
  }
}

/**
 * Resolves once the CLI that `script` runs is blocked reading its terminal (its main thread in
 * read(2) on descriptor 0, as /proc/<pid>/syscall shows: the CLI reads pipes and terminals with
 * readSync). A poll of that state, not a pause: what follows happens only once it holds.
 */
async function readingTerminal(script: ChildProcess): Promise<void> {
  const text = (file: string) => { try { return fs.readFileSync(file, "utf8"); } catch { return ""; } };
  for (;;) {
    const children = text(`/proc/${script.pid}/task/${script.pid}/children`).split(" ").filter(Boolean);
    if (children.some((pid) => text(`/proc/${pid}/cmdline`).includes(CLI) && /^0 0x0 /.test(text(`/proc/${pid}/syscall`)))) return;
    if (script.exitCode !== null) throw new Error("the terminal ended before the CLI read it");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function fifo(name: string): string {
  const file = path.join(temp.path, name);
  execFileSync("mkfifo", [file]);
  return file;
}

/** Every frame within COLUMNS - 1 characters (the last column would wrap), in MB, the first showing bytes read. */
function expectFrames(drawn: string[], pattern: RegExp): void {
  expect(drawn.length).toBeGreaterThan(0);
  for (const frame of drawn) {
    expect([...frame].length).toBeLessThanOrEqual(COLUMNS - 1);
    expect(frame).toMatch(pattern);
  }
  expect(drawn[0]).not.toMatch(/^highest (\[[^\]]*\] \d+% \| )?0(\.0)? MB/);
}

const PIPE_FRAME = /^highest \d+(\.\d)? MB \| \d+(\.\d)? MB\/s$/;
const FILE_FRAME = /^highest \[[█░]{10,40}\] \d{1,3}% \| \d+(\.\d)? MB \| \d+(\.\d)? MB\/s$/;

test("a frame fits its width: the bar shrinks, then goes, before the figures do; one unit, MB", () => {
  const total = 3e10;
  for (const bytes of [0, 1, 999_999, 5e7, 1.5e10, total]) {
    for (const columns of [50, 80, 200]) {
      const line = progressLine(bytes, total, 60_000, columns);
      expect([...line].length).toBeLessThanOrEqual(columns - 1);
      expect(line).toMatch(FILE_FRAME);
      expect(line).toContain(`] ${Math.floor((100 * bytes) / total)}% | `);
    }
    expect(progressLine(bytes, total, 60_000, 200)).toMatch(/^highest \[[█░]{40}\] /); // 40 at most
    expect(progressLine(bytes, undefined, 60_000, 50)).toMatch(PIPE_FRAME);
    expect(progressLine(bytes, total, 60_000, 12)).toHaveLength(11); // cut as a last resort
  }
  expect(progressLine(5e7, 1e8, 1000, 50)).toBe("highest [█████████░░░░░░░░] 50% | 50 MB | 50 MB/s");
  expect(progressLine(5e7, 1e8, 1000, 30)).toBe("highest 50% | 50 MB | 50 MB/s"); // no room for a bar
  expect(progressLine(7.3e12, 7.3e12, 1000, 50)).toBe("highest 100% | 7300000 MB | 7300000 MB/s");
  expect(progressLine(1.5e6, undefined, 500, 50)).toBe("highest 1.5 MB | 3.0 MB/s");
});

testUnless(withScript)("a run over a pipe in a 50-column terminal: frames fit, in MB; erased before the result", async () => {
  const input = fifo("end.fifo");
  const run = inTerminal([input, "5"]);
  const feed = await feeder(input);
  await feedUntil(feed, () => frames(run.screen()).length >= 3);
  await feed.close(); // the end of the input: the run ends
  expect(await run.done).toBe(0);
  const screen = run.screen();
  const json = screen.indexOf("[\r\n");
  expect(screen.slice(0, json).endsWith(ERASE)).toBe(true);
  expectFrames(frames(screen.slice(0, json)), PIPE_FRAME);
  // The terminal is left as it was: no hidden cursor, no line wrapping turned off.
  expect(screen).not.toMatch(/\x1b\[\?(25l|7l)/);
  const file = temp.file(feed.fed);
  expect(screen.slice(json)).toBe(runCli([file, "5"]).stdout.replace(/\n/g, "\r\n"));
});

testUnless(withScript)("Ctrl-C erases the bar, and the run ends by SIGINT with nothing printed", async () => {
  const input = fifo("interrupt.fifo");
  const run = inTerminal([input, "5"]);
  const feed = await feeder(input);
  await feedUntil(feed, () => frames(run.screen()).length >= 2);
  run.child.stdin!.write("\x03");
  // The CLI hears it at its next read (or at once between reads): feed until it has gone.
  let ended = false;
  void run.done.then(() => { ended = true; });
  await feedUntil(feed, () => ended).catch(() => {}); // a step may find the reader gone
  await feed.close().catch(() => {});
  expect(await run.done).toBe(128 + 2);
  const screen = run.screen();
  expect(screen).toContain("^C");
  expect(screen.endsWith(ERASE)).toBe(true);
  expect(screen).not.toContain('"score"');
  expectFrames(frames(screen), PIPE_FRAME);
});

testUnless(withScript)("an invalid line after the bar has shown: erased, then the one-line message, exit 2", async () => {
  const input = fifo("bad.fifo");
  const run = inTerminal([input, "5"]);
  const feed = await feeder(input);
  await feedUntil(feed, () => frames(run.screen()).length >= 1);
  const line = feed.fed.split("\n").length;
  expect(await feed.write("12x: {}\n")).toBe(true);
  await feed.close();
  expect(await run.done).toBe(2);
  const screen = run.screen();
  const erased = screen.lastIndexOf(ERASE);
  expect(erased).toBeGreaterThan(0);
  expect(screen.slice(erased + ERASE.length)).toBe(`highest: line ${line}: score is not an integer: "12x: {}"\r\n`);
});

testUnless(withScript)("records typed at the terminal: no bar over them, and Ctrl-C ends the run at once", async () => {
  // The bar may show from the first read (--progress-after-ms 0): each line typed is a read, and
  // Ctrl-D ends the input, so the result shows every line was read, with no bar drawn over them.
  const typed = inTerminal(["--progress-after-ms", "0", "--compact", "-", "3"]);
  typed.child.stdin!.write(records(0, 40) + "\x04");
  expect(await typed.done).toBe(0);
  const screen = typed.screen();
  expect(screen).toContain(runCli([temp.file(records(0, 40)), "3", "--compact"]).stdout.replace(/\n/g, "\r\n"));
  expect(screen).not.toContain("MB/s");
  // Ctrl-C once the run waits for the next line typed: it ends by SIGINT, nothing printed, no bar.
  // (A Ctrl-C typed before the CLI holds the terminal would be lost, and the lines with it.)
  const run = inTerminal(["--progress-after-ms", "0", "-", "3"]);
  run.child.stdin!.write(records(0, 40));
  await readingTerminal(run.child);
  run.child.stdin!.write("\x03");
  expect(await run.done).toBe(128 + 2);
  expect(run.screen()).not.toContain("MB/s");
  expect(run.screen()).not.toContain('"score"');
});

testUnless(withScript)("over a file (a known total): the bar and its percentage within 50 columns, erased before the result", async () => {
  // The bar may show from the first read (--progress-after-ms 0): no wait for its half second.
  const file = temp.file(records(0, 200_000), "known.data");
  const run = inTerminal(["--chunk-size", "65536", "--progress-after-ms", "0", file, "5"]);
  expect(await run.done).toBe(0);
  const screen = run.screen();
  const json = screen.indexOf("[\r\n");
  expect(screen.slice(0, json).endsWith(ERASE)).toBe(true);
  expectFrames(frames(screen.slice(0, json)), FILE_FRAME);
  expect(screen.slice(json)).toBe(runCli([file, "5"]).stdout.replace(/\n/g, "\r\n"));
});

test("a scan of a file gives the event loop turns (so that Ctrl-C is heard during it), with the clock moving 60 ms a read", async () => {
  const file = temp.file(records(0, 50_000), "turns.data");
  jest.useFakeTimers({ doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  try {
    let reads = 0;
    let turns = 0;
    let waiting = false;
    const winners = await highest(file, 1, {
      chunkSize: 16_384,
      onProgress: () => {
        reads++;
        jest.setSystemTime(Date.now() + 60);
        if (!waiting) {
          waiting = true;
          setImmediate(() => { turns++; waiting = false; });
        }
      },
    });
    expect(winners).toHaveLength(1);
    expect(reads).toBeGreaterThan(20);
    expect(turns).toBeGreaterThan(reads / 2); // without turns: at most one, after the scan
  } finally {
    jest.useRealTimers();
  }
});
