// Spawns the built CLI asynchronously (unlike run-cli.ts's spawnSync): for runs that need a
// time bound, a signal, a closed stdout, input streamed from a file, or another user.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { CLI } from "./run-cli";

export interface SpawnOptions {
  /** A file streamed to standard input (for `-`). */
  stdinFile?: string;
  /** Bytes written to standard input. */
  stdin?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  /** Kill (SIGKILL) after this many ms; the result then has timedOut. */
  timeoutMs?: number;
  uid?: number;
  gid?: number;
  /** The CLI to run (default: the built one, CLI). */
  cli?: string;
  /** The working folder (default: this process's). */
  cwd?: string;
}

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Starts `highest args…`; `done` resolves when it has exited and its output is drained. */
export function startHighest(args: string[], options: SpawnOptions = {}): { child: ChildProcess; done: Promise<SpawnResult> } {
  const cli = options.cli ?? CLI;
  const started = Date.now();
  const stdinFd = options.stdinFile ? fs.openSync(options.stdinFile, "r") : undefined;
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...options.env },
    stdio: [stdinFd ?? "pipe", "pipe", "pipe"],
    uid: options.uid, gid: options.gid, cwd: options.cwd,
  });
  if (stdinFd !== undefined) fs.closeSync(stdinFd); // the child has its own copy
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (b: Buffer) => out.push(b));
  child.stderr!.on("data", (b: Buffer) => err.push(b));
  if (child.stdin) {
    child.stdin.on("error", () => {}); // the CLI may exit before reading it all
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
  }
  let timedOut = false;
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, options.timeoutMs);
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: SpawnResult = {
        code, signal, ms: Date.now() - started, timedOut,
        stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"),
      };
      resolve(result);
    });
  });
  return { child, done };
}

/** Runs `highest args…` to the end. */
export function spawnHighest(args: string[], options: SpawnOptions = {}): Promise<SpawnResult> {
  return startHighest(args, options).done;
}

/**
 * The failure contract of SPEC: exit code as given, nothing on stdout, exactly one stderr
 * line starting "highest: " (so no stack trace), not killed by a signal, not timed out.
 */
export function expectCleanFailure(run: SpawnResult, code: number, message?: RegExp): void {
  expect({ timedOut: run.timedOut, signal: run.signal, code: run.code, stdout: run.stdout })
    .toEqual({ timedOut: false, signal: null, code, stdout: "" });
  expect(run.stderr).toMatch(/^highest: [^\n]+\n$/);
  if (message) expect(run.stderr).toMatch(message);
}
