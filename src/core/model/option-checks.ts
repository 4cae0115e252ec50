// The options of a run, checked in one place: the command line (node/options.ts) and the
// libraries (node/index.ts, browser/index.ts) say the same thing about the same fault.
// A name is the option as its caller spells it: "--engine" on the command line, "engine" in
// the library; a value is shown as the caller wrote it: 'text' from argv, a JavaScript literal
// from the library.
import { HighestError } from "./errors";
import { MAX_SHARDS, isShard } from "./plan";

/** The messages, written once. `shown` is the value already rendered (see shownArgument, shownValue). */
export const optionMessages = {
  count: (shown: string) => `count must be a non-negative integer, not ${shown}`,
  engine: (name: string, shown: string) => `${name} must be wasm or js, not ${shown}`,
  shard: (name: string, shown: string) => `${name} must be I/K with 0 <= I < K <= ${MAX_SHARDS}, not ${shown}`,
  atLeast: (name: string, min: number, shown: string) => `${name} must be an integer of at least ${min}, not ${shown}`,
  unknown: (name: string) => `unknown option '${name}'`,
  noInput: "missing <input>",
};

/** A command-line argument as messages show it: 'text'. */
export const shownArgument = (text: string): string => `'${text}'`;

/** A library value as messages show it: a JavaScript literal (-1, 0.5, "5", {"index":2,"count":2}). */
function shownValue(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null) {
    try { return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value); } catch { return String(value); }
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Checks one library option's value: a message when it is bad. */
export type OptionCheck = (value: unknown, name: string) => string | undefined;

const mustBe = (what: string, ok: (value: unknown) => boolean): OptionCheck =>
  (value, name) => (ok(value) ? undefined : `${name} must be ${what}, not ${shownValue(value)}`);
const positive: OptionCheck = (value, name) =>
  (Number.isInteger(value) && (value as number) >= 1 ? undefined : optionMessages.atLeast(name, 1, shownValue(value)));

/** Checks for options only some platforms take: a callback (the browser's onThreads), a URL (its wasmUrl, helperUrl), a flag (Node's follow). */
export const functionOption: OptionCheck = mustBe("a function", (value) => typeof value === "function");
export const booleanOption: OptionCheck = mustBe("true or false", (value) => typeof value === "boolean");
export const urlOption: OptionCheck = mustBe("a string or a URL", (value) => typeof value === "string" || value instanceof URL);

/** An AbortSignal, also one made in another realm (a worker, a vm context): told by its shape. */
const isSignal = (value: unknown) => typeof value === "object" && value !== null
  && typeof (value as AbortSignal).aborted === "boolean" && typeof (value as AbortSignal).addEventListener === "function";

/** The options every platform's library takes (RankOptions, threads); a platform adds its own. */
const RANK_OPTION_CHECKS: Record<string, OptionCheck> = {
  strict: booleanOption,
  lineTexts: booleanOption,
  lowest: booleanOption,
  records: booleanOption,
  decimal: booleanOption,
  engine: (value, name) => (value === "wasm" || value === "js" ? undefined : optionMessages.engine(name, shownValue(value))),
  shard: (value, name) => (isShard(value) ? undefined : optionMessages.shard(name, shownValue(value))),
  threads: positive,
  signal: mustBe("an AbortSignal", isSignal),
  onProgress: functionOption,
};

/** The test knobs the internal entries take beside the options (TestKnobs); the library's own entries refuse them as unknown. */
export const KNOB_CHECKS: Record<string, OptionCheck> = {
  chunkSize: positive,
  tuning: mustBe("an object", (value) => typeof value === "object" && value !== null),
};

/** The count as the library takes it: a non-negative integer number (or Infinity: all), or a bigint. */
export function countLimit(count: unknown): number {
  const bad = () => new HighestError("usage", optionMessages.count(shownValue(count)));
  if (typeof count === "bigint") {
    if (count < 0n) throw bad();
    return Number(count);
  }
  if (typeof count !== "number" || (!Number.isInteger(count) && count !== Infinity) || count < 0) throw bad();
  return count;
}

/**
 * Checks a library call before anything is opened: at least one input, the count, and each
 * option (an option this platform does not know is a usage error, never silently ignored;
 * undefined stands for an option not given). Throws HighestError("usage").
 */
export function validateRun(inputs: unknown[], count: unknown, options: unknown, platform: Record<string, OptionCheck> = {}): void {
  if (inputs.length === 0) throw new HighestError("usage", optionMessages.noInput);
  countLimit(count);
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) throw new HighestError("usage", `options must be an object, not ${shownValue(options)}`);
  for (const [name, value] of Object.entries(options)) {
    const check = Object.hasOwn(RANK_OPTION_CHECKS, name) ? RANK_OPTION_CHECKS[name] : Object.hasOwn(platform, name) ? platform[name] : undefined;
    if (!check) throw new HighestError("usage", optionMessages.unknown(name));
    const fault = value === undefined ? undefined : check(value, name);
    if (fault) throw new HighestError("usage", fault);
  }
}
