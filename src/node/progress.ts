// Progress on standard error for long runs (only when stderr is a terminal), drawn by
// cli-progress, loaded and shown only once a run has lasted a moment. One line that fits the
// terminal's width, in MB (10^6 bytes) and MB/s, erased on every way out: the end of the run,
// an error, Ctrl-C or SIGTERM, process.exit.
import { resolve as resolvePath } from "node:path";
import type { Progress } from "../core/model/options";

/** The separately bundled cli-progress (see progress-bar.ts). */
const PROGRESS_BAR = resolvePath(__dirname, "..", "..", "build", "node", "progress-bar.js");

/** A run shows progress once it has lasted this long (tests set it with --progress-after-ms). */
export const SHOW_AFTER_MS = 500;
/** The bar is left out when it would be narrower than this, and is never wider than BAR_MAX. */
const BAR_MIN = 10;
const BAR_MAX = 40;

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}

/**
 * One frame, "highest [███░░░] 42% | 123 MB | 456 MB/s" (without a total, no bar and no
 * percentage), in fewer than `columns` characters: the bar shrinks, then goes, before the figures do.
 */
export function progressLine(bytesRead: number, totalBytes: number | undefined, elapsedMs: number, columns: number): string {
  const width = Math.max(1, columns - 1); // the last column would wrap on some terminals
  const figures = `${megabytes(bytesRead)} MB | ${elapsedMs > 0 ? megabytes((bytesRead / elapsedMs) * 1000) : "0"} MB/s`;
  if (!totalBytes) return `highest ${figures}`.slice(0, width);
  const fraction = Math.min(1, bytesRead / totalBytes);
  const text = `${Math.floor(fraction * 100)}% | ${figures}`;
  const room = Math.min(BAR_MAX, width - "highest [] ".length - text.length);
  if (room < BAR_MIN) return `highest ${text}`.slice(0, width);
  const done = Math.round(fraction * room);
  return `highest [${"█".repeat(done)}${"░".repeat(room - done)}] ${text}`;
}

/** The progress display of a run (see startProgress). */
export interface ProgressDisplay {
  /** Called after each read. */
  update(progress: Progress): void;
  /** Erases the bar (if shown): call it on every way out. */
  stop(): void;
  /** Before the output: a signal caught during the run's last synchronous stretch ends it now, then stop(). */
  finish(): Promise<void>;
}

/**
 * A progress display. It is drawn only when `shown()` says so, asked once the run has lasted a
 * moment (process.stderr costs a short run ~5 ms). While it is drawn, SIGINT and SIGTERM erase it,
 * then end the process as the signal does (exit 130 for Ctrl-C). The listener runs at a turn of
 * the event loop: reads give one every 50 ms (node/access.ts), and finish() one before the output.
 * A read waiting on a pipe holds it until data or the end comes (Ctrl-C in a pipeline ends the
 * writer too, so that is at once).
 */
export function startProgress(shown: () => boolean, afterMs = SHOW_AFTER_MS): ProgressDisplay {
  const started = Date.now();
  let bar: import("cli-progress").SingleBar | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bar?.stop(); // erases the line
    if (bar) process.off("SIGINT", onSignal).off("SIGTERM", onSignal).off("exit", stop);
  };
  // Erased, then the signal's own end (the listener gone, its default action).
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  return {
    update(progress: Progress) {
      if (stopped || Date.now() - started < afterMs) return;
      const payload = { bytes: progress.bytesRead, total: progress.totalBytes };
      if (!bar) {
        if (!shown()) {
          stopped = true;
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { SingleBar } = require(PROGRESS_BAR) as typeof import("./progress-bar");
        bar = new SingleBar({
          stream: process.stderr,
          clearOnComplete: true,
          // No hidden cursor, no line wrapping turned off: a process ended by a signal could not
          // restore them. The line fits the width it is drawn at (the terminal may be resized).
          linewrap: true,
          format: (_options, params, data: typeof payload) => progressLine(data.bytes, data.total, Date.now() - started, params.maxWidth),
        });
        process.on("SIGINT", onSignal).on("SIGTERM", onSignal).on("exit", stop);
        bar.start(1, 0, payload); // the first frame shows what was read already
      }
      bar.update(0, payload);
    },
    stop,
    async finish() {
      if (bar && !stopped) await new Promise(setImmediate); // signal listeners run before immediates
      stop();
    },
  };
}
