// Raw arguments in, one checked options object out. The library never sees argv.
import { Command, CommanderError, Option } from "commander";
import * as os from "node:os";
import { HighestError } from "../core/errors";

/** The checked command line. */
export interface CliOptions {
  file: string;
  count: bigint;
  compact: boolean;
  strict: boolean;
  engine: "wasm" | "js";
  progress: boolean;
  threads: number;
  chunkSize?: number;
}

/** What the command line asks for: a run, or text to print (help, version). */
export type CliRequest = { run: CliOptions } | { print: string };

const COUNT = /^[0-9]+$/;

function positiveInteger(name: string) {
  return (value: string): number => {
    if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new HighestError("usage", `${name} must be a positive integer, not '${value}'`);
    return Number(value);
  };
}

/** Parses argv (without node and the script). Throws HighestError("usage") on bad arguments. */
export function parseArguments(argv: string[], version: string): CliRequest {
  let printed = "";
  const program = new Command("highest")
    .description("Print the N highest-scoring records of a scored-records file as JSON.")
    .argument("<file>", "input file of '<score>: <json record>' lines, or - for standard input")
    .argument("<count>", "how many records to print (an integer >= 0)")
    .option("--compact", "print the JSON on one line")
    .option("--strict", "validate every record's JSON and id, not only the winners'")
    .addOption(new Option("--engine <kind>", "scan engine").choices(["wasm", "js"]).default("wasm"))
    .option("--threads <n>", "worker threads for a file (default: the available cores)", positiveInteger("--threads"))
    .option("--no-progress", "never show progress on standard error")
    .addOption(new Option("--chunk-size <bytes>", "bytes per read").argParser(positiveInteger("--chunk-size")).hideHelp())
    .version(version, "-V, --version")
    .helpOption("-h, --help", "show this help")
    .addHelpText("after", "\nExit codes: 0 success, 1 usage or input error, 2 invalid data, 3 internal error.\n")
    .exitOverride()
    .configureOutput({ writeOut: (text) => { printed += text; }, writeErr: () => {} });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof HighestError) throw error;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { print: printed };
      throw new HighestError("usage", `${error.message.replace(/^error: /, "")} (see --help)`);
    }
    throw error;
  }
  const [file, count] = program.args;
  if (!COUNT.test(count)) throw new HighestError("usage", `count must be a non-negative integer, not '${count}'`);
  const options = program.opts();
  return {
    run: {
      file,
      count: BigInt(count),
      compact: options.compact === true,
      strict: options.strict === true,
      engine: options.engine,
      progress: options.progress !== false,
      threads: options.threads ?? Math.max(1, os.availableParallelism()),
      chunkSize: options.chunkSize,
    },
  };
}
