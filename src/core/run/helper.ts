// A helper participant as the run sees it (threads/ implements it over a worker).
import type { CheckedRows } from "../check/store";
import type { CheckTask } from "../check/share-checks";
import type { EngineKind } from "../model/options";
import type { RunPlan } from "../model/plan";
import type { OutputFormat } from "../output/format";
import type { FragmentSource } from "../output/fragments";
import type { ParticipantResult } from "./reports";

/** What a helper participant is started with. */
export interface HelperJob {
  plan: RunPlan;
  /** Claims.cells, over a SharedArrayBuffer. */
  claims: Int32Array;
  id: number;
  limit: number;
  engine: EngineKind;
  strict: boolean;
  /** --lowest: keep the lowest scores. */
  lowest?: boolean;
  /** --decimal: read decimal scores. */
  decimal?: boolean;
  chunkSize?: number;
  /** Check lines as they are kept (see precheck.ts). */
  precheck?: { keepText: boolean };
}

/** A helper participant (a worker thread): its scan, then a check of winners (see share-checks.ts). */
export interface Helper {
  result: Promise<ParticipantResult>;
  /**
   * Checks the tasks' rows; a result per task. `holdRows`: the task is its own rows, which it holds
   * to format them (format()); the results then hold only their count and first fault.
   */
  check(tasks: CheckTask[], keepText: boolean, holdRows?: boolean): Promise<CheckedRows[]>;
  /** Hands over the rows it holds (instead of formatting them). */
  rows(): Promise<CheckedRows>;
  /** Formats the rows it holds, for the output; each call gives the next chunk. */
  format(format: OutputFormat, bases: Float64Array | undefined): FragmentSource;
  /** Ends it; when `busy` (it owns units), first waits for it to release what it opened. */
  close(busy: boolean): Promise<void>;
}
