// The Web Worker that runs highest() off the page's thread. Load it as a module worker:
// new Worker(url, { type: "module" }). One worker can serve many runs, one after another
// or at once; each run has an id chosen by the page.
import { toErrorData } from "../core/model/errors";
import { Progress } from "../core/model/options";
import { rank, winnersOf, withKnobs } from "../core/run/rank";
import { BROWSER_PLATFORM } from "./platform";
import { WorkerReply, WorkerRequest } from "./worker-protocol";

/** Progress is posted at most this often: a message per 1 MiB chunk would flood the page. */
const PROGRESS_INTERVAL_MS = 50;

interface WorkerScope {
  postMessage(reply: WorkerReply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;
const running = new Map<number, AbortController>();

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request.type === "abort") running.get(request.id)?.abort();
  else void run(request);
});

async function run(request: Extract<WorkerRequest, { type: "run" }>): Promise<void> {
  const { id } = request;
  const controller = new AbortController();
  running.set(id, controller);
  let lastPosted = 0;
  const onProgress = (progress: Progress) => {
    const now = performance.now();
    // The last report (all bytes read) always goes: the page tells the check phase by it.
    if (now - lastPosted < PROGRESS_INTERVAL_MS && progress.bytesRead !== progress.totalBytes) return;
    lastPosted = now;
    scope.postMessage({ type: "progress", id, progress });
  };
  try {
    // Knobs come only from the internal entry (a test's); otherwise they are unknown options here too.
    const platform = request.knobs ? withKnobs(BROWSER_PLATFORM) : BROWSER_PLATFORM;
    const options = {
      ...request.options, ...request.knobs, onProgress, signal: controller.signal,
      onThreads: (threads: number) => scope.postMessage({ type: "threads", id, threads }),
      // Told on the page's side (its onWarning, else its console): a page cannot see a worker's console.
      onWarning: (warning: string) => scope.postMessage({ type: "warning", id, warning }),
    };
    const winners = await winnersOf(await rank(platform, request.input, request.count, options), options);
    scope.postMessage({ type: "done", id, winners });
  } catch (thrown) {
    scope.postMessage({ type: "failed", id, error: toErrorData(thrown) });
  } finally {
    running.delete(id);
  }
}
