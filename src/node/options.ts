// Raw arguments in, one checked options object out (Node's own util.parseArgs). The library never sees argv.
import { parseArgs } from "node:util";
import { HighestError } from "../core/model/errors";
import { optionMessages, shownArgument } from "../core/model/option-checks";
import { Shard, parseShard } from "../core/model/plan";
import { CoreBuild } from "../core/model/options";
import { didYouMean } from "./suggest";

/** The checked command line. */
export interface CliOptions {
  inputs: string[];
  count: bigint;
  compact: boolean;
  strict: boolean;
  lines: boolean;
  locations: boolean;
  /** -L/--follow: follow symbolic links inside directories. */
  follow: boolean;
  lowest: boolean;
  records: boolean;
  decimal: boolean;
  shard?: Shard;
  /** --write-index: also write X.gzidx for each gzip input X read from its start. */
  writeIndex: boolean;
  /** --no-index: ignore the X.gzidx beside a gzip input X. */
  noIndex: boolean;
  engine: "wasm" | "js";
  progress: boolean;
  threads?: number;
  /** Hidden knobs for tests: read size, segment size, threads for small runs, a core build, when the progress bar may show. */
  chunkSize?: number;
  segmentBytes?: number;
  minThreadedBytes?: number;
  build?: CoreBuild;
  indexSpacing?: number;
  progressAfterMs?: number;
}

/** What the command line asks for: a run, or text to print (help, version). */
export type CliRequest = { run: CliOptions } | { print: string };

/** --help: what a first-time user needs (one example, what comes out, what is checked); the rest is in SPEC. */
const help = (specPath: string) => `Usage: highest [options] <input>... <count>

Print the <count> highest-scoring records of files of '<score>: <json record>' lines, as JSON.

Arguments:
  <input>            a file, a directory (its files, recursively), or - for standard input;
                     gzip and zstd inputs are read as such
  <count>            how many records to print (a non-negative integer; it goes last)

Options:
  --compact          print the JSON on one line
  --strict           validate every record's JSON and id, not only the winners'
  --locations        also print each winner's input and line
  --lines            print the winners' lines as they stand (itself a valid input)
  -L, --follow       follow symbolic links inside directories (to files and directories)
  --lowest           the <count> lowest scores instead, lowest first
  --records          also print each winner's record (its JSON as written)
  --decimal          scores may have a fraction and an exponent (5.5, 1.5e3), compared exactly
  --shard I/K        rank only part I of K of the inputs (merge the parts' --lines outputs)
  --write-index      also write X.gzidx for a gzip file X (not BGZF) read from its start
  --no-index         ignore X.gzidx beside a gzip file X (else used to share X between threads)
  --engine wasm|js   the WebAssembly core (default) or the same algorithm in JavaScript
  --threads N        threads for large inputs (default: the available cores)
  --no-progress      never show progress on standard error
  -h, --help         show this help
  -V, --version      show the version

Example:
  $ highest runs/ 2 --compact
  [{"score":9981,"id":"r-17"},{"score":9975,"id":"r-4"}]

Output: a JSON array of the <count> best records, highest score first (equal scores: the
earlier input, then the earlier line), each {"score": <exact integer>, "id": <as written>};
--locations adds "input" and "line". Nothing is printed unless the whole run succeeds.

Validation: every line's framing (score, colon) is always checked, but by default only the
winners' records are validated as JSON with one "id" (that is what makes it fast): a bad
record that does not make the top <count> goes unnoticed unless --strict is given.

Exit codes: 0 success, 1 usage or input error, 2 invalid data, 3 internal error, 130 interrupted.
The contract (input, output, errors, every decision): ${specPath}
`;

const OPTIONS = {
  compact: { type: "boolean" },
  strict: { type: "boolean" },
  lines: { type: "boolean" },
  locations: { type: "boolean" },
  follow: { type: "boolean", short: "L" },
  lowest: { type: "boolean" },
  records: { type: "boolean" },
  decimal: { type: "boolean" },
  shard: { type: "string" },
  "write-index": { type: "boolean" },
  "no-index": { type: "boolean" },
  engine: { type: "string" },
  threads: { type: "string" },
  "no-progress": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  "chunk-size": { type: "string" },
  "segment-bytes": { type: "string" },
  "min-threaded-bytes": { type: "string" },
  "core-build": { type: "string" },
  "index-spacing": { type: "string" },
  "progress-after-ms": { type: "string" },
} as const;

/** Test knobs: never shown in --help, never suggested for a mistyped option. */
const HIDDEN = new Set(["chunk-size", "segment-bytes", "min-threaded-bytes", "core-build", "index-spacing", "progress-after-ms"]);
const PUBLIC_OPTIONS = Object.keys(OPTIONS).filter((name) => !HIDDEN.has(name));

/**
 * An unknown option, with the known ones it is close to. parseArgs names "-compact" as "-c" (a
 * group of short options): the word typed is the argument that begins with it.
 */
function unknownOption(option: string, argv: string[]): HighestError {
  const word = option.startsWith("--") ? option.slice(2).split("=")[0]
    : (argv.find((arg) => /^-[^-]/.test(arg) && arg.startsWith(option)) ?? "").slice(1);
  return new HighestError("usage", optionMessages.unknown(option) + (didYouMean(word, PUBLIC_OPTIONS) || " (see --help)"));
}

/** A boolean option, by how argv spells it ("--compact", "-h"). */
const isFlag = (spelled: string) => Object.entries(OPTIONS).some(([name, option]) =>
  option.type === "boolean" && (spelled === `--${name}` || ("short" in option && spelled === `-${option.short}`)));

const usage = (message: string) => new HighestError("usage", `${message} (see --help)`);

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min) throw usage(optionMessages.atLeast(name, min, shownArgument(value)));
  return Number(value);
}

/** What --version and --help print that the parser cannot know: read only when asked for. */
export interface About {
  version: () => string;
  /** Where docs/SPEC.md is in this installation. */
  specPath: () => string;
}

/** Parses argv (without node and the script). Throws HighestError("usage") on bad arguments. */
export function parseArguments(argv: string[], about: About): CliRequest {
  let parsed: { values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"]; positionals: string[] };
  try {
    // Only positionals ("-" is one): what parseArgs would return, without loading it (~1 ms).
    parsed = argv.every((arg) => arg === "-" || !arg.startsWith("-"))
      ? { values: {}, positionals: argv.slice() }
      : parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const option = /'([^']*)'/.exec(text)?.[1]?.split(" ")[0] ?? "";
    const code = (error as { code?: string }).code;
    if (/^-[0-9]/.test(option)) throw new HighestError("usage", optionMessages.count(shownArgument(option)));
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw unknownOption(option, argv);
    // The same code for a value missing (--shard) and a value given to a flag (--compact=yes).
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw usage(`option '${option}' ${isFlag(option) ? "takes no" : "needs a"} value`);
    throw usage(text.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { print: help(about.specPath()) };
  if (values.version) return { print: `${about.version()}\n` };
  if (positionals.length < 2) throw usage(positionals.length === 0 ? "missing <input> and <count>" : "missing <count> (or <input>)");
  const count = positionals[positionals.length - 1];
  if (!/^[0-9]+$/.test(count)) {
    // `highest 10 big.data`: the usual order of `head -n 10 file`, not this one's.
    const hint = /^[0-9]+$/.test(positionals[0]) ? " (the count goes last: highest [options] <input>... <count>)" : "";
    throw new HighestError("usage", optionMessages.count(shownArgument(count)) + hint);
  }
  const engine = values.engine ?? "wasm";
  if (engine !== "wasm" && engine !== "js") throw usage(optionMessages.engine("--engine", shownArgument(engine)));
  if (values.lines && values.locations) throw usage("--lines and --locations cannot be used together");
  // --lines prints lines, not JSON: accepting --compact would let a user believe it did something.
  if (values.lines && values.compact) throw usage("--compact has no effect with --lines");
  if (values.lines && values.records) throw usage("--lines and --records cannot be used together");
  const inputs = positionals.slice(0, -1);
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (!shard) throw usage(optionMessages.shard("--shard", shownArgument(values.shard)));
    if (inputs.includes("-")) throw usage("--shard cannot split standard input");
  }
  const build = values["core-build"];
  if (build !== undefined && build !== "simd" && build !== "scalar" && build !== "debug") throw usage(`unknown core build '${build}'`);
  return {
    run: {
      inputs,
      count: BigInt(count),
      compact: values.compact === true,
      strict: values.strict === true,
      lines: values.lines === true,
      locations: values.locations === true,
      follow: values.follow === true,
      lowest: values.lowest === true,
      records: values.records === true,
      decimal: values.decimal === true,
      shard,
      writeIndex: values["write-index"] === true,
      noIndex: values["no-index"] === true,
      engine,
      progress: values["no-progress"] !== true,
      threads: integer("--threads", values.threads, 1),
      chunkSize: integer("--chunk-size", values["chunk-size"], 1),
      segmentBytes: integer("--segment-bytes", values["segment-bytes"], 1),
      minThreadedBytes: integer("--min-threaded-bytes", values["min-threaded-bytes"], 0),
      build,
      indexSpacing: integer("--index-spacing", values["index-spacing"], 1),
      progressAfterMs: integer("--progress-after-ms", values["progress-after-ms"], 0),
    },
  };
}
