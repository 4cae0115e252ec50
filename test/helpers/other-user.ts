// For tests that run the CLI as another (unprivileged) user. That user may not be able to
// enter the checkout (a private home folder, a `mktemp -d` folder of mode 700), so it runs a
// copy of the CLI made in a world-readable folder, with everything the bundle loads relative
// to its own folder: ../../package.json, ../../build/wasm/*.wasm and scan-worker.js beside it.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI } from "./run-cli";

export interface OtherUser { name: string; uid: number; gid: number }

/**
 * `nobody`, when this process can run node as that user (root, the user exists, node and the
 * temporary folder are reachable by it); otherwise the reason why not.
 */
export function unprivilegedUser(name = "nobody"): OtherUser | string {
  if (process.platform === "win32" || process.getuid === undefined) return "no POSIX users on this platform";
  if (process.getuid() !== 0) return "switching user needs root";
  const ids = (flag: string) => spawnSync("id", [flag, name], { encoding: "utf8" });
  const uid = ids("-u"), gid = ids("-g");
  if (uid.status !== 0 || gid.status !== 0) return `no user ${name}`;
  const user = { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  // Can that user start node and enter the temporary folder (where the copy will be)?
  const probe = spawnSync(process.execPath, ["-e", "require('fs').accessSync(process.argv[1], require('fs').constants.X_OK)", os.tmpdir()],
    { uid: user.uid, gid: user.gid, cwd: "/", encoding: "utf8" });
  if (probe.status !== 0) return `user ${name} cannot run ${process.execPath} or enter ${os.tmpdir()}: ${(probe.stderr || String(probe.error)).split("\n")[0]}`;
  return user;
}

/** Copies the built CLI into `folder` (made world-readable) and returns the copy's path. */
export function copyCliInto(folder: string): string {
  const root = path.resolve(path.dirname(CLI), "..", "..");
  const nodeDir = path.join(folder, "build", "node");
  const wasmDir = path.join(folder, "build", "wasm");
  fs.mkdirSync(nodeDir, { recursive: true });
  fs.mkdirSync(wasmDir, { recursive: true });
  const copies: Array<[string, string]> = [
    [CLI, path.join(nodeDir, "highest-cli.js")],
    [path.join(root, "build", "node", "scan-worker.js"), path.join(nodeDir, "scan-worker.js")],
    [path.join(root, "package.json"), path.join(folder, "package.json")],
    ...fs.readdirSync(path.join(root, "build", "wasm")).filter((name) => name.endsWith(".wasm"))
      .map((name): [string, string] => [path.join(root, "build", "wasm", name), path.join(wasmDir, name)]),
  ];
  for (const [from, to] of copies) {
    fs.copyFileSync(from, to);
    fs.chmodSync(to, 0o644);
  }
  for (const dir of [folder, path.join(folder, "build"), nodeDir, wasmDir]) fs.chmodSync(dir, 0o755);
  return path.join(nodeDir, "highest-cli.js");
}
