// Runs the built command line as a user would, and captures what it printed.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The built CLI as installed (the bundle package.json names as bin; npm test builds first). */
export const CLI = path.resolve(__dirname, "..", "..", "build", "node", "highest-cli.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `highest args…`, optionally feeding `input` on standard input. */
export function runCli(args: string[], input?: string | Uint8Array, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input, env: { ...process.env, ...env }, maxBuffer: 1 << 28,
  });
  return { code: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}
