// The calling thread's side of a decoder (run/decode-beside.ts), the same for Node's worker
// threads and browsers' Web Workers: it posts "opened" (or "failed" at its open), "filled" after
// each slot it publishes in the ring, "failed" when its decode failed (the ring's last slot says
// where), and "closed" once it closed its input, on every path. A message per slot wakes the
// reader, which never blocks its thread (a browser's main thread may not).
import { ErrorData, HighestError, abortError, fromErrorData } from "../model/errors";
import { Decoder } from "../run/helper";
import { slotsWritten } from "../input/decode-ring";

/** Messages a decoder sends. */
export type DecoderMessage =
  | { type: "opened" }
  | { type: "filled" }
  | { type: "failed"; error: ErrorData }
  | { type: "closed"; error?: ErrorData };

/** A started decoder worker, as the calling thread sees it. */
export interface DecoderClientPort {
  /** Called once, at once: `onEnd` when the worker is gone without being told (it failed to load, or exited). */
  listen(onMessage: (message: DecoderMessage) => void, onEnd: (reason?: string) => void): void;
  /** Stops it; resolves once it is gone. */
  terminate(): Promise<void>;
}

/** A decoder over a started worker. */
export function decoderOver(port: DecoderClientPort): Decoder {
  let wasOpened = false;
  let gone: string | undefined;
  let isClosed = false;
  let onOpened: (opened: boolean) => void = () => {};
  let onOpenFailed: (error: Error) => void = () => {};
  const opened = new Promise<boolean>((resolve, reject) => { onOpened = resolve; onOpenFailed = reject; });
  opened.catch(() => {}); // observed by whoever opens the input, if anyone does
  let onFailure: (error: Error) => void = () => {};
  const failure = new Promise<Error>((resolve) => (onFailure = resolve));
  let onClosed: (error: Error | undefined) => void = () => {};
  const closed = new Promise<Error | undefined>((resolve) => (onClosed = resolve));
  const waiting: Array<() => void> = [];
  const wake = () => { for (const resolve of waiting.splice(0)) resolve(); };
  port.listen((message) => {
    if (message.type === "opened") {
      wasOpened = true;
      onOpened(true);
    } else if (message.type === "failed") {
      const error = fromErrorData(message.error);
      if (wasOpened) onFailure(error);
      else onOpenFailed(error);
    } else if (message.type === "closed") {
      isClosed = true;
      onOpened(false); // told to stop before it opened anything
      onClosed(message.error && fromErrorData(message.error));
    }
    wake();
  }, (reason) => {
    gone = reason ?? "";
    onOpened(false); // a thread that never started: the input is read by the calling thread
    onFailure(died(gone));
    onClosed(undefined);
    wake();
  });
  return {
    opened,
    failure: () => failure,
    closed: () => closed,
    published(control, written) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (slotsWritten(control) > written) resolve();
          else if (isClosed) reject(abortError()); // it stopped (the run did) before its end
          else if (gone !== undefined) reject(died(gone));
          else waiting.push(check);
        };
        check();
      });
    },
    async close() {
      // Told to stop (closeRing), it closes its input and says so, on every path; then its thread ends.
      await closed;
      await port.terminate();
    },
  };
}

function died(reason?: string): HighestError {
  return new HighestError("internal", `internal error: a worker thread exited before it reported${reason ? ` (${reason})` : ""}`);
}
