// A decoder's own side, the same in a Node worker thread and a browser Web Worker: it opens one
// whole compressed input through its own InputAccess (the same decoders as an inline read),
// fills the ring the calling thread scans from (input/decode-ring.ts) until the input ends or
// fails, or the ring is closed or the board stopped, and closes its input on every path.
import { InputAccess } from "../input/access";
import { fillRing, ringClosed } from "../input/decode-ring";
import { ByteSource } from "../input/source";
import { toErrorData } from "../model/errors";
import { Claims } from "../run/claims";
import { DecoderJob } from "../run/helper";
import type { DecoderMessage } from "./decoder-client";

/** The worker's end of its channel to the calling thread. */
export interface DecoderWorkerPort {
  post(message: DecoderMessage): void;
}

/** Runs a decoder's job; every path ends with "closed". */
export async function serveDecoder(job: DecoderJob, port: DecoderWorkerPort, access: InputAccess): Promise<void> {
  const claims = new Claims(job.plan.units.length, job.claims);
  const closedEarly = () => ringClosed(job.ring) || claims.stopped();
  let source: ByteSource | undefined;
  try {
    if (!closedEarly()) source = await access.openSequential(job.input);
  } catch (thrown) {
    port.post({ type: "failed", error: toErrorData(thrown) });
  }
  if (source) {
    port.post({ type: "opened" });
    const end = await fillRing(job.ring, source, () => claims.stopped(), () => port.post({ type: "filled" }));
    if (end.kind === "failed") port.post({ type: "failed", error: toErrorData(end.error) });
    try {
      await source.close?.();
    } catch (thrown) {
      port.post({ type: "closed", error: toErrorData(thrown) });
      return;
    }
  }
  port.post({ type: "closed" });
}
