// A test knob, for tests only (test/helpers/pause.ts): HIGHEST_TEST_PAUSE=<a FIFO>. Each thread,
// once it has opened its first file, creates <FIFO>.reached and <FIFO>.reached-<thread> (0 the
// calling thread, a worker its threadId) and waits until the test opens the FIFO (an open for
// reading blocks until then), so that a test acts at a known moment instead of after a sleep: it
// changes the file, sends a signal, or sees that a helper thread took a unit. Read when a
// participant's access is made; unset, a run opens its files with no trace of it.
import { closeSync, openSync, writeFileSync } from "node:fs";
import { threadId } from "node:worker_threads";

type Opener<T> = (path: string | Buffer, name: string, stamp?: string) => T;

let gate = process.env.HIGHEST_TEST_PAUSE;

/** `open` itself, or (the knob set) `open` that pauses this thread once, after its first file. */
export function openerForThisThread<T>(open: Opener<T>, close: (file: T) => void): Opener<T> {
  if (gate === undefined) return open;
  return (path, name, stamp) => {
    const file = open(path, name, stamp);
    const fifo = gate;
    if (fifo === undefined) return file;
    gate = undefined; // once per thread
    try {
      writeFileSync(`${fifo}.reached-${threadId}`, "");
      writeFileSync(`${fifo}.reached`, "");
      closeSync(openSync(fifo, "r"));
    } catch (error) {
      close(file);
      throw error;
    }
    return file;
  };
}
