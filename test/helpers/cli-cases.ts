// Many runs of the built CLI, two at a time (this machine's cores), each compared with what
// it must give; the mismatches come back as short descriptions, so that one assertion over a
// batch names every failing case (and its seed or parameters) without dumping megabytes.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { CLI } from "./run-cli";

/** One run: its label, arguments, the folder it runs in, and its standard input if any. */
export interface CliCase {
  label: string;
  args: string[];
  cwd?: string;
  /** A file on standard input: as the descriptor itself, or (`stdinPipe`) written into a pipe. */
  stdinFile?: string;
  stdinPipe?: boolean;
}

/** What a run printed (one char per byte, so that comparisons are byte for byte) and how it ended. */
export interface Outcome { code: number | null; stdout: string; stderr: string }

function run(c: CliCase): Promise<Outcome> {
  const stdin = c.stdinFile === undefined ? "ignore" : c.stdinPipe ? "pipe" : fs.openSync(c.stdinFile, "r");
  const child = spawn(process.execPath, [CLI, ...c.args], { cwd: c.cwd, stdio: [stdin, "pipe", "pipe"] });
  if (typeof stdin === "number") fs.closeSync(stdin); // the child has its own copy
  if (stdin === "pipe") {
    child.stdin!.on("error", () => {}); // the CLI may exit before reading it all
    child.stdin!.end(fs.readFileSync(c.stdinFile!));
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (b: Buffer) => out.push(b));
  child.stderr!.on("data", (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({
      code: signal ? null : code, stdout: Buffer.concat(out).toString("latin1"),
      stderr: Buffer.concat(err).toString("latin1") + (signal ? `(killed by ${signal})` : ""),
    }));
  });
}

/** Runs the cases, `parallel` at a time, in order of results. */
export async function runCases(cases: CliCase[], parallel = 2): Promise<Outcome[]> {
  const results: Outcome[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await run(cases[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, cases.length) }, worker));
  return results;
}

/** Where two outcomes differ, briefly (undefined: they are the same). */
export function difference(got: Outcome, want: Outcome): string | undefined {
  if (got.code === want.code && got.stdout === want.stdout && got.stderr === want.stderr) return undefined;
  const parts = [`exit ${got.code} (want ${want.code})`];
  if (got.stderr !== want.stderr) parts.push(`stderr ${JSON.stringify(got.stderr.slice(0, 200))} (want ${JSON.stringify(want.stderr.slice(0, 200))})`);
  if (got.stdout !== want.stdout) {
    let at = 0;
    while (at < got.stdout.length && got.stdout[at] === want.stdout[at]) at++;
    parts.push(`stdout of ${got.stdout.length} chars (want ${want.stdout.length}) differs from char ${at}: `
      + `${JSON.stringify(got.stdout.slice(at, at + 80))} (want ${JSON.stringify(want.stdout.slice(at, at + 80))})`);
  }
  return parts.join("; ");
}
