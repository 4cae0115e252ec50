// One run, shared by Node and the browser, the same for 1 input and 1,000, 1 thread and 16:
//   inputs → plan of units → participants (this thread + helpers) claim units in order, each
//   scanning with its own engine → kept lines merged by score → each participant re-reads (or
//   takes the kept bytes of) the winners it found and validates them → results, best first
//   (printed by the run itself when asked: then helpers format the rows they found, see parallel-output.ts).
// Platform code supplies the engines, the access to inputs, and (Node) helper threads.
import { InputAccess } from "./access";
import { Claims } from "./claims";
import { CheckedRows } from "./check";
import { sliceColumns } from "./kept";
import { CheckRange, CheckTask, checkTask, checkedByList, shareChecks } from "./share-checks";
import { EngineKind, ScanEngine } from "./engine";
import { abortError } from "./line-buffer";
import { mergeResults } from "./merge";
import { countLimit } from "./options";
import { ParticipantResult, RunPlan, scanUnits } from "./participant";
import { PlannedInput, SEGMENT_BYTES, Shard, planUnits } from "./plan";
import { PRECHECK_MIN_COUNT } from "./precheck";
import { Ranking, assembleRanking } from "./ranking";
import { OutputFormat } from "./format";
import { FragmentSource, PARALLEL_OUTPUT_MIN_ROWS, RunOutput, checksOwnRows, rankingBlocks } from "./parallel-output";

/** Progress of a run. */
export interface Progress {
  bytesRead: number;
  /** Known for files and Blobs, not for streams. */
  totalBytes?: number;
}

/** Options of a run. */
export interface RankOptions {
  /** Validate every record's JSON and id, not only the winners'. */
  strict?: boolean;
  /** "wasm" (default) or "js", the pure-JavaScript engine of the same algorithm. */
  engine?: EngineKind;
  /** Bytes per read (tests use tiny ones). */
  chunkSize?: number;
  /** Called after each read. */
  onProgress?: (progress: Progress) => void;
  /** Stops the run; it then rejects with kind "aborted" once everything it opened is released. */
  signal?: AbortSignal;
  /** Only the I-th of K byte-balanced parts of the inputs (--shard I/K). */
  shard?: Shard;
  /** Keep each winner's line (Winner.text), for --lines. */
  lineTexts?: boolean;
}

/** Internal knobs: how many participants, and the unit size (tests make both small). */
export interface RunTuning {
  /** Participants wanted (this thread + helpers); default 1. */
  threads?: number;
  /** Nominal segment size (default SEGMENT_BYTES). */
  segmentBytes?: number;
  /** Below this much work (bytes; gzip counts 4×) a run uses one participant. */
  minThreadedBytes?: number;
  /** Name the input in data errors (several inputs, or a directory). */
  nameInputs?: boolean;
  /** Compute winners' line numbers even when a part starts mid-file (costs a read of what is before it). */
  lineNumbers?: boolean;
  /** Print the result before the helpers are released: they format their own rows (parallel-output.ts). */
  output?: RunOutput;
}

/** Below this much work one thread is faster: a worker takes ~30 ms to start. */
export const MIN_THREADED_BYTES = 256 * 1024 * 1024;
/** Decompressing costs about this many times reading plain bytes. */
const GZIP_WORK = 4;

/** What a helper participant is started with. */
export interface HelperJob {
  plan: RunPlan;
  /** Claims.cells, over a SharedArrayBuffer. */
  claims: Int32Array;
  id: number;
  limit: number;
  engine: EngineKind;
  strict: boolean;
  chunkSize?: number;
  /** Check lines as they are kept (see precheck.ts). */
  precheck?: { keepText: boolean };
}

/** A helper participant (a worker thread): its scan, then a check of winners (see share-checks.ts). */
export interface Helper {
  result: Promise<ParticipantResult>;
  /**
   * Checks the tasks' rows; a result per task. `keep`: the task is its own rows, which it keeps
   * to format them (format()); the results then hold only their count and first fault.
   */
  check(tasks: CheckTask[], keepText: boolean, keep?: boolean): Promise<CheckedRows[]>;
  /** Formats the rows it kept, for the output; each call gives the next chunk. */
  format(format: OutputFormat, bases: Float64Array | undefined): FragmentSource;
  /** Ends it; when `busy` (it owns units), first waits for it to release what it opened. */
  close(busy: boolean): Promise<void>;
}

/** What a platform gives a run. */
export interface RunPlatform {
  createEngine(kind: EngineKind): Promise<ScanEngine>;
  /** This thread's access to the inputs. */
  access: InputAccess;
  /** Starts a helper participant; absent where there are no threads. */
  startHelper?(job: HelperJob): Helper;
}

/** Ranks the inputs: the best `count` records of all of them, best first, validated. */
export async function runRanking(
  inputs: PlannedInput[], count: number | bigint, options: RankOptions, tuning: RunTuning, platform: RunPlatform,
): Promise<Ranking> {
  const limit = countLimit(count);
  const plan: RunPlan = { inputs, units: planUnits(inputs, tuning.segmentBytes ?? SEGMENT_BYTES, options.shard) };
  const claims = new Claims(plan.units.length);
  const signal = options.signal;
  const onAbort = () => claims.stop();
  signal?.addEventListener("abort", onAbort);
  const helpers: Helper[] = [];
  try {
    if (signal?.aborted) throw abortError();
    const engineKind = options.engine ?? "wasm";
    const strict = options.strict === true;
    const keepText = options.lineTexts === true;
    // Large counts: lines are checked as they are kept, while they are in memory (precheck.ts).
    const precheck = limit >= PRECHECK_MIN_COUNT ? { keepText } : undefined;
    const wanted = helperCount(plan, tuning);
    if (wanted > 0 && platform.startHelper) {
      for (let i = 0; i < wanted; i++) {
        helpers.push(platform.startHelper({
          plan, claims: claims.cells, id: i + 2, limit, engine: engineKind, strict, chunkSize: options.chunkSize, precheck,
        }));
      }
    }
    const engine = await platform.createEngine(engineKind);
    engine.configure(limit);
    const totalBytes = inputs.every((input) => input.segmentable || input.rereadable) ? inputs.reduce((sum, input) => sum + input.size, 0) : undefined;
    const { result: own, prechecked } = await scanUnits(engine, plan, claims, 1, platform.access, {
      strict, chunkSize: options.chunkSize, precheck,
      onProgress: options.onProgress && ((bytesRead) => options.onProgress!({ bytesRead, totalBytes })),
      stop: () => signal?.aborted === true,
    });
    // Every unit is claimed now: a helper that owns none is not needed (it may still be starting).
    const results = [own];
    const checkers: Helper[] = [];
    for (const [i, helper] of helpers.entries()) {
      if (claims.ownsAny(i + 2)) {
        results.push(await helper.result);
        checkers.push(helper);
      }
    }
    if (signal?.aborted) throw abortError();
    const { merged, numbers } = await mergeResults(plan, results, limit, platform.access, tuning.nameInputs === true);
    // The winners are checked by the participants (share-checks.ts): the helpers' tasks are
    // sent first, so they work while this thread checks its own.
    const lists = results.map((result) => result.kept);
    // Rows move between participants only when any of them can re-read any input.
    const movable = inputs.every((input) => input.rereadable && input.path !== undefined);
    const ranges = shareChecks(merged.order.taken, movable, results.map((result) => result.prechecked));
    const taskOf = (range: CheckRange, participant: number): CheckTask => (range.list === participant
      ? { from: range.from, to: range.to }
      : { columns: sliceColumns(lists[range.list], range.from, range.to) });
    // A large result to print: helpers that check just their own rows keep them, to format them.
    const output = tuning.output;
    const keeps = checkers.map((_, i) => output !== undefined && merged.order.size >= PARALLEL_OUTPUT_MIN_ROWS && checksOwnRows(ranges, i + 1));
    const theirs = checkers.map((helper, i) => helper.check(ranges[i + 1].map((range) => taskOf(range, i + 1)), keepText, keeps[i]));
    theirs.forEach((promise) => promise.catch(() => {})); // awaited below; an early throw must not leave them unobserved
    const mine: CheckedRows[] = [];
    const context = { engine, plan, access: platform.access, keepText, shouldStop: () => signal?.aborted === true };
    for (const range of ranges[0]) mine.push(await checkTask(taskOf(range, 0), own.kept, context, prechecked));
    const checks = checkedByList(lists.length, ranges, [mine, ...(await Promise.all(theirs))]);
    if (signal?.aborted) throw abortError();
    const ranking = await assembleRanking(merged, lists, checks, plan, numbers, {
      nameInputs: tuning.nameInputs === true, lineNumbers: tuning.lineNumbers !== false,
    });
    if (output) {
      const remote: Array<FragmentSource | undefined> = [undefined, ...checkers.map((helper, i) => (keeps[i] ? helper.format(output.format, ranking.bases) : undefined))];
      await output.write(rankingBlocks(ranking, output.format, remote));
    }
    return ranking;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    claims.stop(); // a helper that claims from now on opens nothing
    await Promise.all(helpers.map((helper, i) => helper.close(claims.ownsAny(i + 2))));
  }
}

/** How many helpers a run is worth: none for little work, never more than there are units to share. */
function helperCount(plan: RunPlan, tuning: RunTuning): number {
  const threads = Math.max(1, Math.floor(tuning.threads ?? 1));
  if (threads === 1) return 0;
  let work = 0;
  let shareable = 0;
  for (const unit of plan.units) {
    const input = plan.inputs[unit.input];
    if (input.path === undefined) continue;
    shareable++;
    work += unit.whole && !input.segmentable ? input.size * GZIP_WORK : unit.to - unit.from;
  }
  if (work < (tuning.minThreadedBytes ?? MIN_THREADED_BYTES)) return 0;
  return Math.min(threads, shareable) - 1;
}
