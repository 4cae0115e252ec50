// The calling thread's side of a helper participant (see run.ts Helper), the same for Node's
// worker threads and browsers' Web Workers: a platform adapts its worker to HelperClientPort.
// The helper posts "scanned" (or "failed"), is told "check", posts "checked" (or "failed");
// told to hold its rows at the check, it may then be told "format" and posts them as "formatted"
// chunks, as many ahead as the credits allow (see output/fragments.ts), or be told "rows" and post them.
import { CheckedRows } from "../check/store";
import { ErrorData, HighestError, fromErrorData } from "../model/errors";
import { OutputFormat } from "../output/format";
import { CHUNKS_AHEAD, FragmentChunk, FragmentSource } from "../output/fragments";
import { ParticipantResult } from "../run/reports";
import { Helper } from "../run/helper";
import { CheckTask } from "../check/share-checks";

/** Messages a helper sends. */
export type HelperMessage =
  | { type: "scanned"; result: ParticipantResult }
  | { type: "checked"; checks: CheckedRows[] }
  | { type: "formatted"; chunk: FragmentChunk }
  | { type: "rows"; rows: CheckedRows }
  | { type: "failed"; error: ErrorData };

/** Messages a helper receives (after its job). */
export type HelperCommand =
  /** holdRows: check its own rows only (one task), hold them and answer only their count and first fault. */
  | { type: "check"; tasks: CheckTask[]; keepText: boolean; holdRows?: boolean }
  /** Format the held rows; credits[0]: chunks it may still post (it waits at 0). */
  | { type: "format"; format: OutputFormat; bases?: Float64Array; credits: Int32Array }
  /** Hand over the held rows (moved, not copied). */
  | { type: "rows" };

/** A started worker, as the calling thread sees it. */
export interface HelperClientPort {
  /** Sends a command. */
  post(command: HelperCommand): void;
  /**
   * Called once, at once: `onMessage` for each message the helper posts, `onEnd` when it is
   * gone without being told (it exited, or failed to load or run), with what is known of why.
   */
  listen(onMessage: (message: HelperMessage) => void, onEnd: (reason?: string) => void): void;
  /** Stops it; resolves once it is gone. */
  terminate(): Promise<void>;
}

/** A helper participant over a started worker. */
export function helperOver(port: HelperClientPort): Helper {
  // Messages come in the order of the commands that ask for them: the first waiting gets the first.
  const queue: HelperMessage[] = [];
  const waiting: Array<(message: HelperMessage | undefined) => void> = [];
  let ended: string | false = false;
  port.listen(
    (message) => {
      const deliver = waiting.shift();
      if (deliver) deliver(message);
      else queue.push(message);
    },
    (reason) => {
      ended = reason ?? "";
      for (const deliver of waiting.splice(0)) deliver(undefined);
    },
  );
  const next = <T extends HelperMessage["type"]>(type: T) => new Promise<Extract<HelperMessage, { type: T }>>((resolve, reject) => {
    const settle = (message: HelperMessage | undefined) => {
      if (message === undefined) reject(died(ended || undefined));
      else if (message.type === "failed") reject(fromErrorData(message.error));
      else if (message.type === type) resolve(message as Extract<HelperMessage, { type: T }>);
      else reject(new HighestError("internal", `internal error: unexpected ${message.type} from a worker`));
    };
    if (queue.length > 0) settle(queue.shift());
    else if (ended !== false) settle(undefined);
    else waiting.push(settle);
  });
  const result = next("scanned").then((message) => message.result);
  result.catch(() => {}); // observed by the run, or not needed
  let checking: Promise<unknown> | undefined; // a check under way: it closes its inputs before the helper ends
  return {
    result,
    async check(tasks, keepText, holdRows) {
      const answer = next("checked");
      checking = answer;
      port.post({ type: "check", tasks, keepText, holdRows });
      return (await answer).checks;
    },
    async rows() {
      const answer = next("rows");
      port.post({ type: "rows" });
      return (await answer).rows;
    },
    format(format, bases): FragmentSource {
      const credits = new Int32Array(new SharedArrayBuffer(4));
      credits[0] = CHUNKS_AHEAD;
      port.post({ type: "format", format, bases, credits });
      let asked = 0;
      return async () => {
        // Each chunk asked for after the first lets the helper format one more.
        if (asked++ > 0) {
          Atomics.add(credits, 0, 1);
          Atomics.notify(credits, 0);
        }
        return (await next("formatted")).chunk;
      };
    },
    async close(busy) {
      // A busy helper stops at its next read (the board's stop flag) and closes its inputs first.
      if (busy) await result.catch(() => {});
      await checking?.catch(() => {});
      await port.terminate();
    },
  };
}

function died(reason?: string): HighestError {
  return new HighestError("internal", `internal error: a worker thread exited before it reported${reason ? ` (${reason})` : ""}`);
}
