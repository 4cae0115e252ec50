// model/option-checks.ts: a library call's options checked in one place, with the CLI's wording.
import * as vm from "node:vm";
import { HighestError } from "../../../src/core/model/errors";
import {
  KNOB_CHECKS, booleanOption, countLimit, functionOption, optionMessages, shownArgument, urlOption, validateRun,
} from "../../../src/core/model/option-checks";
import { MAX_SHARDS } from "../../../src/core/model/plan";

/** The usage error's message a call gives, or undefined when it passes. */
function fault(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(HighestError);
    expect((thrown as HighestError).kind).toBe("usage");
    return (thrown as HighestError).message;
  }
}
const run = (options: unknown, platform = {}) => fault(() => validateRun(["in"], 5, options, platform));

test("countLimit takes non-negative integers, Infinity and bigints; anything else is shown as a JavaScript literal", () => {
  expect([countLimit(0), countLimit(7), countLimit(Infinity), countLimit(12n), countLimit(2n ** 60n)]).toEqual([0, 7, Infinity, 12, 2 ** 60]);
  expect(fault(() => countLimit(-1))).toBe("count must be a non-negative integer, not -1");
  expect(fault(() => countLimit(0.5))).toBe("count must be a non-negative integer, not 0.5");
  expect(fault(() => countLimit(NaN))).toBe("count must be a non-negative integer, not NaN");
  expect(fault(() => countLimit(-Infinity))).toBe("count must be a non-negative integer, not -Infinity");
  expect(fault(() => countLimit("5"))).toBe('count must be a non-negative integer, not "5"');
  expect(fault(() => countLimit(-1n))).toBe("count must be a non-negative integer, not -1n");
  expect(fault(() => countLimit(null))).toBe("count must be a non-negative integer, not null");
  expect(fault(() => countLimit({ n: 1n }))).toBe('count must be a non-negative integer, not {"n":"1n"}');
});

test("validateRun: at least one input, the count, and options that are an object (or absent)", () => {
  expect(fault(() => validateRun([], 5, undefined))).toBe("missing <input>");
  expect(fault(() => validateRun(["in"], -2, undefined))).toBe("count must be a non-negative integer, not -2");
  expect(run(undefined)).toBeUndefined();
  expect(run({})).toBeUndefined();
  expect(run(5)).toBe("options must be an object, not 5");
  expect(run(null)).toBe("options must be an object, not null");
});

test("an option this platform does not know is refused, also one a plain object inherits", () => {
  expect(run({ colour: true })).toBe("unknown option 'colour'");
  expect(run({ toString: () => "" })).toBe("unknown option 'toString'");
  expect(run(JSON.parse('{"__proto__": 1}'))).toBe("unknown option '__proto__'");
  expect(run({ follow: true })).toBe("unknown option 'follow'");
  expect(run({ follow: true }, { follow: booleanOption })).toBeUndefined();
  expect(run({ follow: "yes" }, { follow: booleanOption })).toBe('follow must be true or false, not "yes"');
});

test("each option's check, with the message SPEC words for it; undefined stands for an option not given", () => {
  const good = {
    strict: true, lineTexts: false, lowest: true, records: false, decimal: true, engine: "js", shard: { index: 1, count: 3 },
    threads: 4, signal: new AbortController().signal, onProgress: () => {},
  };
  expect(run(good)).toBeUndefined();
  for (const name of Object.keys(good)) expect(run({ [name]: undefined })).toBeUndefined();
  expect(run({ strict: 1 })).toBe("strict must be true or false, not 1");
  expect(run({ engine: "c" })).toBe('engine must be wasm or js, not "c"');
  expect(run({ shard: { index: 2, count: 2 } })).toBe(`shard must be I/K with 0 <= I < K <= ${MAX_SHARDS}, not {"index":2,"count":2}`);
  expect(run({ shard: "1/2" })).toBe(`shard must be I/K with 0 <= I < K <= ${MAX_SHARDS}, not "1/2"`);
  expect(run({ threads: 0 })).toBe("threads must be an integer of at least 1, not 0");
  expect(run({ threads: 1.5 })).toBe("threads must be an integer of at least 1, not 1.5");
  expect(run({ signal: {} })).toBe("signal must be an AbortSignal, not {}");
  expect(run({ onProgress: "f" })).toBe('onProgress must be a function, not "f"');
  expect(run({ lowest: () => true })).toBe("lowest must be true or false, not a function");
});

test("an AbortSignal made in another realm is an AbortSignal (told by its shape)", () => {
  const foreign = vm.runInNewContext("new AbortController().signal", { AbortController });
  expect(run({ signal: foreign })).toBeUndefined();
  expect(run({ signal: { aborted: false, addEventListener: () => {} } })).toBeUndefined();
  expect(run({ signal: { aborted: "no", addEventListener: () => {} } })).toMatch(/^signal must be an AbortSignal/);
});

test("test knobs are refused unless a caller passes KNOB_CHECKS as its platform's (the internal entries)", () => {
  expect(run({ chunkSize: 4 })).toBe("unknown option 'chunkSize'");
  expect(run({ tuning: {} })).toBe("unknown option 'tuning'");
  expect(run({ chunkSize: 4, tuning: { segmentBytes: 8 } }, KNOB_CHECKS)).toBeUndefined();
  expect(run({ chunkSize: 0 }, KNOB_CHECKS)).toBe("chunkSize must be an integer of at least 1, not 0");
  expect(run({ tuning: null }, KNOB_CHECKS)).toBe("tuning must be an object, not null");
});

test("platform checks: functions, flags, URLs; values that cannot be JSON are still shown", () => {
  expect(functionOption(() => 1, "onThreads")).toBeUndefined();
  expect(functionOption(1, "onThreads")).toBe("onThreads must be a function, not 1");
  expect(urlOption("x.wasm", "wasmUrl")).toBeUndefined();
  expect(urlOption(new URL("http://h/x.wasm"), "wasmUrl")).toBeUndefined();
  expect(urlOption(3n, "wasmUrl")).toBe("wasmUrl must be a string or a URL, not 3n");
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  expect(urlOption(circular, "helperUrl")).toBe("helperUrl must be a string or a URL, not [object Object]");
});

test("the CLI's wording: an argument shown in quotes, messages shared with the library", () => {
  expect(shownArgument("abc")).toBe("'abc'");
  expect(optionMessages.engine("--engine", shownArgument("x"))).toBe("--engine must be wasm or js, not 'x'");
  expect(optionMessages.atLeast("--threads", 1, "'0'")).toBe("--threads must be an integer of at least 1, not '0'");
  expect(optionMessages.unknown("--x")).toBe("unknown option '--x'");
});
