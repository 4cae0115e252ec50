// Runs the CLI with its test knob HIGHEST_TEST_PAUSE (src/node/access.ts): each thread of the
// run, once it has opened its first file, waits until it is released. The test acts while the
// run is held there (changes the file, sends a signal): a known moment, not a race. Linux: the
// gate is a FIFO, opened read-write by the test (which never blocks there).
import { ChildProcess, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SpawnOptions, SpawnResult, startHighest } from "./spawn-highest";

/** A run that has not paused after this long is taken to hang (it pauses right after it starts). */
const HANG_MS = 60_000;

/**
 * Resolves once `file` exists (told by the folder's change events, not by polling); rejects
 * when `giveUp` resolves first (with its message), or after HANG_MS, a hang guard only.
 */
export function whenExists(file: string, giveUp?: Promise<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file));
    const finish = (error?: Error) => {
      watcher.close();
      clearTimeout(guard);
      if (error) reject(error);
      else resolve();
    };
    const guard = setTimeout(() => finish(new Error(`${file} did not appear within ${HANG_MS} ms (hung)`)), HANG_MS);
    watcher.on("change", () => { if (fs.existsSync(file)) finish(); });
    watcher.on("error", (error) => finish(error));
    void giveUp?.then((message) => { if (!fs.existsSync(file)) finish(new Error(message)); else finish(); });
    if (fs.existsSync(file)) finish(); // made before the watch began
  });
}

/**
 * Starts `highest args…`, waits until it has opened a file and paused, calls `meanwhile`, then
 * releases it (every thread, also those that reach the pause later); resolves to its result.
 */
export async function runPaused(args: string[], meanwhile: (child: ChildProcess) => void, options: SpawnOptions = {}): Promise<SpawnResult> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "highest-pause-"));
  const gate = path.join(folder, "gate");
  execFileSync("mkfifo", [gate]);
  const { child, done } = startHighest(args, { ...options, env: { ...options.env, HIGHEST_TEST_PAUSE: gate } });
  let opened: number | undefined;
  try {
    await whenExists(`${gate}.reached`, done.then((result) => `the run ended before it paused: ${JSON.stringify(result)}`));
    meanwhile(child);
    // Read-write (Linux): the FIFO has a writer from now on, so the run's opens of it return.
    opened = fs.openSync(gate, fs.constants.O_RDWR);
    return await done;
  } finally {
    if (opened === undefined) child.kill("SIGKILL"); // never released: it would wait forever
    else fs.closeSync(opened);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
