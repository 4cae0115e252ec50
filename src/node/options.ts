// Raw arguments in, one checked options object out (Node's own util.parseArgs). The library never sees argv.
import { parseArgs } from "node:util";
import { HighestError } from "../core/model/errors";
import { optionMessages, shownArgument } from "../core/model/option-checks";
import { Shard, parseShard } from "../core/model/plan";
import { CoreBuild } from "../core/model/options";

/** The checked command line. */
export interface CliOptions {
  inputs: string[];
  count: bigint;
  compact: boolean;
  strict: boolean;
  lines: boolean;
  locations: boolean;
  lowest: boolean;
  records: boolean;
  shard?: Shard;
  engine: "wasm" | "js";
  progress: boolean;
  threads?: number;
  /** Hidden knobs for tests: read size, segment size, threads for small runs, a core build. */
  chunkSize?: number;
  segmentBytes?: number;
  minThreadedBytes?: number;
  build?: CoreBuild;
}

/** What the command line asks for: a run, or text to print (help, version). */
export type CliRequest = { run: CliOptions } | { print: string };

const HELP = `Usage: highest [options] <input>... <count>

Print the <count> highest-scoring records of files of '<score>: <json record>' lines, as JSON.

Arguments:
  <input>            a file, a directory (its files, recursively), or - for standard input;
                     gzip inputs are read as such
  <count>            how many records to print (a non-negative integer)

Options:
  --compact          print the JSON on one line
  --strict           validate every record's JSON and id, not only the winners'
  --locations        also print each winner's input and line
  --lines            print the winners' lines as they stand (itself a valid input)
  --lowest           the <count> lowest scores instead, lowest first
  --records          also print each winner's record (its JSON as written)
  --shard I/K        rank only part I of K of the inputs (merge the parts' --lines outputs)
  --engine wasm|js   the WebAssembly core (default) or the same algorithm in JavaScript
  --threads N        threads for large inputs (default: the available cores)
  --no-progress      never show progress on standard error
  -h, --help         show this help
  -V, --version      show the version

Exit codes: 0 success, 1 usage or input error, 2 invalid data, 3 internal error, 130 interrupted.
The contract (input, output, errors) is docs/SPEC.md in this package.
`;

const OPTIONS = {
  compact: { type: "boolean" },
  strict: { type: "boolean" },
  lines: { type: "boolean" },
  locations: { type: "boolean" },
  lowest: { type: "boolean" },
  records: { type: "boolean" },
  shard: { type: "string" },
  engine: { type: "string" },
  threads: { type: "string" },
  "no-progress": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  "chunk-size": { type: "string" },
  "segment-bytes": { type: "string" },
  "min-threaded-bytes": { type: "string" },
  "core-build": { type: "string" },
} as const;

/** A boolean option, by how argv spells it ("--compact", "-h"). */
const isFlag = (spelled: string) => Object.entries(OPTIONS).some(([name, option]) =>
  option.type === "boolean" && (spelled === `--${name}` || ("short" in option && spelled === `-${option.short}`)));

const usage = (message: string) => new HighestError("usage", `${message} (see --help)`);

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min) throw usage(optionMessages.atLeast(name, min, shownArgument(value)));
  return Number(value);
}

/** Parses argv (without node and the script). Throws HighestError("usage") on bad arguments. */
export function parseArguments(argv: string[], version: () => string): CliRequest {
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
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usage(optionMessages.unknown(option));
    // The same code for a value missing (--shard) and a value given to a flag (--compact=yes).
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw usage(`option '${option}' ${isFlag(option) ? "takes no" : "needs a"} value`);
    throw usage(text.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { print: HELP };
  if (values.version) return { print: `${version()}\n` };
  if (positionals.length < 2) throw usage(positionals.length === 0 ? "missing <input> and <count>" : "missing <count> (or <input>)");
  const count = positionals[positionals.length - 1];
  if (!/^[0-9]+$/.test(count)) throw new HighestError("usage", optionMessages.count(shownArgument(count)));
  const engine = values.engine ?? "wasm";
  if (engine !== "wasm" && engine !== "js") throw usage(optionMessages.engine("--engine", shownArgument(engine)));
  if (values.lines && values.locations) throw usage("--lines and --locations cannot be used together");
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
      lowest: values.lowest === true,
      records: values.records === true,
      shard,
      engine,
      progress: values["no-progress"] !== true,
      threads: integer("--threads", values.threads, 1),
      chunkSize: integer("--chunk-size", values["chunk-size"], 1),
      segmentBytes: integer("--segment-bytes", values["segment-bytes"], 1),
      minThreadedBytes: integer("--min-threaded-bytes", values["min-threaded-bytes"], 0),
      build,
    },
  };
}
