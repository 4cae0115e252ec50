// One run, shared by Node and the browser, the same for 1 input and 1,000, 1 thread and 16:
//   inputs → plan of units → participants (this thread + helpers) claim units in order, each
//   scanning with its own engine → kept lines merged by score → each participant re-reads (or
//   takes the kept bytes of) the winners it found and validates them → a RunResult, best first,
//   which holds the helpers that kept rows of a large result until it is closed (result.ts).
// Platform code supplies the engines, the access to inputs, and helper threads.
import { InputAccess } from "../input/access";
import { Claims } from "./claims";
import { CheckedRows } from "../check/store";
import { sliceColumns } from "../columns/kept";
import { CheckRange, CheckTask, checkTask, checkedByList, shareChecks } from "../check/share-checks";
import { EngineKind, RankOptions } from "../model/options";
import { Helper, HelperJob } from "./helper";
import { ScanEngine } from "../scan/engine";
import { abortError, HighestError } from "../model/errors";
import { mergeResults } from "./merge";
import { countLimit } from "../model/option-checks";
import { ParticipantResult, scanUnits } from "./participant";
import { PlannedInput, planUnits, RunPlan, SEGMENT_BYTES, Shard } from "../model/plan";
import { LARGE_RESULT_ROWS } from "../model/numbers";
import { assembleRanking } from "./ranking";
import { RunResult } from "./result";
import { checksOwnRows } from "../output/fragments";

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
}

/** Below this much work one thread is faster: a worker takes 50-100 ms to start here (README, Speed). */
export const MIN_THREADED_BYTES = 256 * 1024 * 1024;
/** Decompressing costs about this many times reading plain bytes. */
const GZIP_WORK = 4;

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
): Promise<RunResult> {
  const limit = countLimit(count);
  const plan: RunPlan = { inputs, units: planUnits(inputs, tuning.segmentBytes ?? SEGMENT_BYTES, options.shard) };
  const claims = new Claims(plan.units.length);
  const signal = options.signal;
  const onAbort = () => claims.stop();
  signal?.addEventListener("abort", onAbort);
  const helpers: Helper[] = [];
  let result: RunResult | undefined;
  try {
    if (signal?.aborted) throw abortError();
    const engineKind = options.engine ?? "wasm";
    const strict = options.strict === true;
    const keepText = options.lineTexts === true;
    // Large counts: lines are checked as they are kept, while they are in memory (precheck.ts).
    const precheck = limit >= LARGE_RESULT_ROWS ? { keepText } : undefined;
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
    // Progress counts an input's own bytes (compressed ones for gzip): the total is known when every size is.
    const totalBytes = inputs.every((input) => input.path !== undefined || input.rereadable) ? inputs.reduce((sum, input) => sum + input.size, 0) : undefined;
    const { result: own, prechecked } = await scanUnits(engine, plan, claims, 1, platform.access, {
      strict, chunkSize: options.chunkSize, precheck,
      // The helpers' bytes too (they count on the shared board): a threaded run's bar reaches its end.
      // (Units of BGZF read a little past their ends, to finish a line: never past the total.)
      onProgress: options.onProgress && ((bytesRead) => options.onProgress!({
        bytesRead: Math.min(bytesRead + claims.helpersRead(), totalBytes ?? Infinity), totalBytes,
      })),
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
    const keeps = checkers.map((_, i) => merged.order.size >= LARGE_RESULT_ROWS && checksOwnRows(ranges, i + 1));
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
    // Helpers that kept rows stay until the result is closed; the others go now.
    const keepers = new Set(checkers.filter((_, i) => keeps[i]));
    await Promise.all(helpers.filter((helper) => !keepers.has(helper)).map((helper) => helper.close(false)));
    result = new RunResult(ranking, [undefined, ...checkers.map((helper) => (keepers.has(helper) ? helper : undefined))], async () => {
      claims.stop();
      await Promise.all([...keepers].map((helper) => helper.close(false)));
    });
    return result;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!result) {
      claims.stop(); // a helper that claims from now on opens nothing
      await Promise.all(helpers.map((helper, i) => helper.close(claims.ownsAny(i + 2))));
    }
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
    work += (unit.to - unit.from) * (input.compression ? GZIP_WORK : 1);
  }
  if (work < (tuning.minThreadedBytes ?? MIN_THREADED_BYTES)) return 0;
  return Math.min(threads, shareable) - 1;
}
