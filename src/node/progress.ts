// Progress on standard error for long runs (only when stderr is a terminal), drawn by
// cli-progress, loaded and shown only once a run has lasted a moment.
import { resolve as resolvePath } from "node:path";
import type { Progress } from "../core/model/options";

/** The separately bundled cli-progress (see progress-bar.ts). */
const PROGRESS_BAR = resolvePath(__dirname, "..", "..", "build", "node", "progress-bar.js");

const SHOW_AFTER_MS = 500;

/**
 * A progress display: call update per chunk, stop at the end (clears the bar). It is drawn only when
 * `shown()` says so, asked once the run has lasted a moment (process.stderr costs a short run ~5 ms).
 */
export function startProgress(shown: () => boolean): { update: (progress: Progress) => void; stop: () => void } {
  const started = Date.now();
  let bar: import("cli-progress").SingleBar | undefined;
  let stopped = false;
  return {
    update(progress: Progress) {
      if (stopped || Date.now() - started < SHOW_AFTER_MS) return;
      const megabytes = progress.bytesRead / 1048576;
      const rate = megabytes / ((Date.now() - started) / 1000);
      if (!bar) {
        if (!shown()) {
          stopped = true;
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { SingleBar, Presets } = require(PROGRESS_BAR) as typeof import("./progress-bar");
        const known = progress.totalBytes !== undefined && progress.totalBytes > 0;
        bar = new SingleBar({
          stream: process.stderr,
          clearOnComplete: true,
          hideCursor: true,
          format: known ? "highest [{bar}] {percentage}% | {mb} MiB | {rate} MB/s" : "highest {mb} MiB | {rate} MB/s",
        }, Presets.shades_classic);
        bar.start(known ? progress.totalBytes! : 1, 0, { mb: "0", rate: "0" });
      }
      bar.update(progress.totalBytes ? progress.bytesRead : 0, { mb: megabytes.toFixed(0), rate: (rate * 1.048576).toFixed(0) });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
