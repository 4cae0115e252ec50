// One run, shared by Node and the browser, the same for 1 input and 1,000, 1 thread and 16:
//   inputs → plan of units → participants (this thread + helpers) claim units in order, each
//   scanning with its own engine → kept lines merged by score → each participant re-reads (or
//   takes the kept bytes of) the winners it found and validates them → a RunResult, best first,
//   whose close() releases the helpers that hold rows of a large result (result.ts).
// Platform code supplies the engines, the access to inputs, and helper threads.
import { InputAccess } from "../input/access";
import { Claims } from "./claims";
import { CheckedRows } from "../check/store";
import { sliceColumns } from "../columns/kept";
import { CheckRange, CheckTask, checkTask, checkedByList, shareChecks } from "../check/share-checks";
import { EngineKind, RankOptions } from "../model/options";
import { Helper, HelperJob } from "./helper";
import { ScanEngine } from "../scan/engine";
import { abortError } from "../model/errors";
import { mergeResults } from "./merge";
import { countLimit } from "../model/option-checks";
import { scanUnits } from "./participant";
import { ParticipantResult } from "./reports";
import { Prechecked } from "../check/precheck";
import { PlacedFault } from "../model/faults";
import { MergeOrder } from "../columns/merge-order";
import { PlannedInput, planUnits, RunPlan, SEGMENT_BYTES, Shard } from "../model/plan";
import { LARGE_RESULT_ROWS } from "../model/numbers";
import { Ranking, assembleRanking } from "./ranking";
import { RunResult } from "./result";
import { checksOwnRows } from "../output/fragments";
import { helpersClaimed } from "./helpers-first";

/** Internal knobs: how many participants, and the unit size (tests make both small). */
export interface RunTuning {
  /** Participants wanted (this thread + helpers); default 1. */
  threads?: number;
  /** Bytes per read (default: the line buffer's). */
  chunkSize?: number;
  /** Nominal segment size (default SEGMENT_BYTES). */
  segmentBytes?: number;
  /** Below this much work (bytes; gzip counts 4×) a run uses one participant. */
  minThreadedBytes?: number;
  /** Name the input in data errors (several inputs, or a directory). */
  nameInputs?: boolean;
  /** Compute winners' line numbers even when a part starts mid-file (costs a read of what is before it). */
  lineNumbers?: boolean;
  /** Tests: this thread claims nothing until each helper owns a unit or has ended (helpers-first.ts). */
  helpersFirst?: boolean;
}

/**
 * Below this much work (bytes; a compressed input, gzip or zstd, counts COMPRESSED_WORK times its size) a run uses one thread, whatever
 * `threads` asks: starting a worker costs about as much as scanning 250 MB (docs/BENCHMARKS.md).
 * Exported, so that a caller can say why a run used one thread.
 */
export const MIN_THREADED_BYTES = 256 * 1024 * 1024;
/** Decompressing (gzip or zstd) costs about this many times reading plain bytes. */
const COMPRESSED_WORK = 4;

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
  const { plan, wanted } = planRun(inputs, options.shard, tuning, platform.startHelper !== undefined);
  const claims = new Claims(plan.units.length);
  const signal = options.signal;
  const onAbort = () => claims.stop();
  signal?.addEventListener("abort", onAbort);
  const run: Run = {
    plan, claims, limit, options, chunkSize: tuning.chunkSize, platform, helpers: [], helpersFirst: tuning.helpersFirst === true,
    // --records prints from the winners' lines: the record is the line past its score's ':'.
    keepText: options.lineTexts === true || options.records === true, aborted: () => signal?.aborted === true,
  };
  let result: RunResult | undefined;
  try {
    if (run.aborted()) throw abortError();
    startHelpers(run, wanted);
    const scanned = await scanAll(run);
    if (run.aborted()) throw abortError();
    const { merged, numbers } = await mergeResults(plan, scanned.results, limit, platform.access, tuning.nameInputs === true);
    const checked = await checkWinners(run, scanned, merged.order);
    if (run.aborted()) throw abortError();
    const ranking = await assembleRanking(merged, scanned.results.map((each) => each.kept), checked.checks, plan, numbers, {
      nameInputs: tuning.nameInputs === true, lineNumbers: tuning.lineNumbers !== false,
    });
    result = await resultOf(run, ranking, scanned.checkers, checked.holds);
    return result;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!result) {
      claims.stop(); // a helper that claims from now on opens nothing
      await Promise.all(run.helpers.map((helper, i) => helper.close(claims.ownsAny(i + 2))));
    }
  }
}

/** One run as its steps share it. */
interface Run {
  plan: RunPlan;
  /** The shared board: who owns which unit, the first failed unit, the stop flag. */
  claims: Claims;
  limit: number;
  options: RankOptions;
  /** Bytes per read (a test knob). */
  chunkSize?: number;
  platform: RunPlatform;
  /** The helpers started (participant i + 2 is helpers[i]). */
  helpers: Helper[];
  /** Keep each winner's line (--lines, --records; the library's lineTexts, records). */
  keepText: boolean;
  aborted: () => boolean;
  /** A test knob: see RunTuning. */
  helpersFirst: boolean;
}

/** What the scan leaves: each participant's result, this thread's first. */
interface Scanned {
  /** This thread's engine: the bytes of lines it kept (units that cannot be re-read) are there. */
  engine: ScanEngine;
  results: ParticipantResult[];
  /** This thread's check store, when it was filled while scanning (precheck.ts). */
  prechecked?: Prechecked;
  /** --strict: the first invalid record of this thread's units. */
  strictFault?: PlacedFault;
  /** The helpers that own units, results[1..] in order: they check their own winners. */
  checkers: Helper[];
}

/** Starts `count` helpers, where the platform has threads; each claims units as this thread does. */
function startHelpers(run: Run, count: number): void {
  const { plan, claims, limit, options, platform } = run;
  if (!platform.startHelper) return;
  for (let i = 0; i < count; i++) {
    const helper = platform.startHelper({
      plan, claims: claims.cells, id: i + 2, limit, engine: options.engine ?? "wasm", strict: options.strict === true,
      chunkSize: run.chunkSize, precheck: precheckOf(run), lowest: options.lowest === true,
      decimal: options.decimal === true,
    });
    // A helper that dies holding units stops the run (its units were not scanned). One that
    // never started owns none: the run goes on without it.
    helper.result.catch(() => { if (claims.ownsAny(i + 2)) claims.stop(); });
    run.helpers.push(helper);
  }
}

/** Large counts: lines are checked as they are kept, while they are in memory (precheck.ts). */
function precheckOf(run: Run): { keepText: boolean } | undefined {
  return run.limit >= LARGE_RESULT_ROWS ? { keepText: run.keepText } : undefined;
}

/** This thread scans the units it claims; then the results of the helpers that own units. */
async function scanAll(run: Run): Promise<Scanned> {
  const { plan, claims, limit, options, platform } = run;
  const engine = await platform.createEngine(options.engine ?? "wasm");
  engine.configure(limit, options.lowest === true, options.decimal === true);
  if (run.helpersFirst) await helpersClaimed(claims, run.helpers);
  const { result: own, prechecked, strictFault } = await scanUnits(engine, plan, claims, 1, platform.access, {
    strict: options.strict === true, chunkSize: run.chunkSize, precheck: precheckOf(run), onProgress: progressOf(run),
    stop: run.aborted,
  });
  // Every unit is claimed now: a helper that owns none is not needed (it may still be starting).
  const results = [own];
  const checkers: Helper[] = [];
  for (const [i, helper] of run.helpers.entries()) {
    if (claims.ownsAny(i + 2)) {
      results.push(await helper.result);
      checkers.push(helper);
    }
  }
  return { engine, results, prechecked, strictFault, checkers };
}

/** This thread's progress callback, counting the helpers' bytes too (they count on the shared board). */
function progressOf(run: Run): ((bytes: number) => void) | undefined {
  const { onProgress } = run.options;
  if (!onProgress) return undefined;
  // Progress counts an input's own bytes (compressed ones for gzip): the total is known when every size is.
  const inputs = run.plan.inputs;
  const totalBytes = inputs.every((input) => input.path !== undefined || input.rereadable)
    ? inputs.reduce((sum, input) => sum + input.size, 0) : undefined;
  // A threaded run's bar reaches its end. (Units of BGZF read a little past their ends, to finish a line: never past the total.)
  return (bytesRead) => onProgress({ bytesRead: Math.min(bytesRead + run.claims.helpersRead(), totalBytes ?? Infinity), totalBytes });
}

/**
 * Each list's winners checked by the participants (share-checks.ts), and per checker whether it
 * holds its checked rows to format them (a large result). The helpers' tasks are sent first,
 * so they work while this thread checks its own.
 */
async function checkWinners(run: Run, scanned: Scanned, order: MergeOrder): Promise<{ checks: CheckedRows[]; holds: boolean[] }> {
  const { plan, platform, keepText } = run;
  const { results, checkers } = scanned;
  const lists = results.map((result) => result.kept);
  // Rows move between participants only when any of them can re-read any input.
  const movable = plan.inputs.every((input) => input.rereadable && input.path !== undefined);
  const ranges = shareChecks(order.taken, movable, results.map((result) => result.prechecked));
  const taskOf = (range: CheckRange, participant: number): CheckTask => (range.list === participant
    ? { from: range.from, to: range.to }
    : { columns: sliceColumns(lists[range.list], range.from, range.to) });
  // A large result to print: helpers that check just their own rows hold them, to format them.
  const holds = checkers.map((_, i) => order.size >= LARGE_RESULT_ROWS && checksOwnRows(ranges, i + 1));
  const theirs = checkers.map((helper, i) => helper.check(ranges[i + 1].map((range) => taskOf(range, i + 1)), keepText, holds[i]));
  theirs.forEach((promise) => promise.catch(() => {})); // awaited below; an early throw must not leave them unobserved
  const mine: CheckedRows[] = [];
  const context = { engine: scanned.engine, plan, access: platform.access, keepText, shouldStop: run.aborted };
  for (const range of ranges[0]) mine.push(await checkTask(taskOf(range, 0), lists[0], context, scanned.prechecked, scanned.strictFault));
  return { checks: checkedByList(lists.length, ranges, [mine, ...(await Promise.all(theirs))]), holds };
}

/** The run's result: helpers that hold rows stay until it is closed; the others go now. */
async function resultOf(run: Run, ranking: Ranking, checkers: Helper[], holds: boolean[]): Promise<RunResult> {
  const holders = new Set(checkers.filter((_, i) => holds[i]));
  await Promise.all(run.helpers.filter((helper) => !holders.has(helper)).map((helper) => helper.close(false)));
  return new RunResult(ranking, [undefined, ...checkers.map((helper) => (holders.has(helper) ? helper : undefined))], async () => {
    run.claims.stop();
    await Promise.all([...holders].map((helper) => helper.close(false)));
  });
}

/** The run's plan, and how many helpers it is worth where there are threads. */
function planRun(inputs: PlannedInput[], shard: Shard | undefined, tuning: RunTuning, threaded: boolean): { plan: RunPlan; wanted: number } {
  const plan: RunPlan = { inputs, units: planUnits(inputs, tuning.segmentBytes ?? SEGMENT_BYTES, shard) };
  return { plan, wanted: threaded ? helperCount(plan, tuning) : 0 };
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
    work += (unit.to - unit.from) * (input.compression ? COMPRESSED_WORK : 1);
  }
  if (work < (tuning.minThreadedBytes ?? MIN_THREADED_BYTES)) return 0;
  return Math.min(threads, shareable) - 1;
}
