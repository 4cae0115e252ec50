// Bundles the Node command line with esbuild (run after tsc, from the repository root):
//   node src/node/bundle.mjs
// Writes build/node/highest-cli.js and build/node/scan-worker.js, each one file that needs
// nothing else of the build but build/wasm/ and package.json.
//
// Start-up: most of a short run's own time is V8 compiling the bundle's functions as they are
// first called. So highest-cli.js carries the bundle as text and compiles it through V8's code
// cache, build/node/highest-cli.cache, made here by one run on the example file (the functions
// that run compiled). A cache V8 refuses (another Node version or flags) or one made for other
// code (it starts with the bundle's fingerprint) is left unused: the bundle then compiles as usual,
// as it does in a copy of highest-cli.js without its cache.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = path.join(root, "build", "node");

const common = {
  bundle: true, minify: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning",
};

await esbuild.build({ ...common, entryPoints: [path.join(root, "src", "node", "scan-worker.ts")], outfile: path.join(out, "scan-worker.js") });

const cli = await esbuild.build({ ...common, entryPoints: [path.join(root, "src", "node", "cli.ts")], write: false });
const bundle = cli.outputFiles[0].text.replace(/^#!.*\n/, "");
const fingerprint = createHash("sha256").update(bundle).digest("hex").slice(0, 32);
const cliFile = path.join(out, "highest-cli.js");
const cacheFile = path.join(out, "highest-cli.cache");

const starter = `#!/usr/bin/env node
"use strict";
// Made by src/node/bundle.mjs: the bundle of src/node/cli.ts, compiled through V8's code cache
// (highest-cli.cache, made by the build) when there is one for this bundle that V8 accepts.
const { readFileSync, writeFileSync } = require("node:fs");
const { Script } = require("node:vm");
// A run's hot loops are in the core's WebAssembly; its JavaScript runs once per winner at most.
// At V8's default budget, 10,000 winners send the check and format functions through TurboFan,
// which costs more CPU than it saves (docs/BENCHMARKS.md); at 15 times the budget they stay in the
// baseline tiers unless a run checks far more records (count = all, --strict), where they are still
// optimised. Set before the bundle compiles: V8's code cache is made and accepted under the same flags.
require("node:v8").setFlagsFromString("--interrupt-budget=1000000");
const BUNDLE = ${JSON.stringify(bundle)};
const FINGERPRINT = "${fingerprint}";
const cacheFile = __filename.replace(/\\.js$/, ".cache");
let cachedData;
try {
  const bytes = readFileSync(cacheFile);
  if (bytes.toString("latin1", 0, FINGERPRINT.length) === FINGERPRINT) cachedData = bytes.subarray(FINGERPRINT.length);
} catch {
  // no cache: compile as usual
}
const script = new Script("(function (exports, require, module, __filename, __dirname) {" + BUNDLE + "\\n})", { filename: __filename, cachedData });
if (process.env.HIGHEST_WRITE_CODE_CACHE === cacheFile) {
  process.once("exit", () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(FINGERPRINT, "latin1"), script.createCachedData()])));
}
script.runInThisContext()(exports, require, module, __filename, __dirname);
`;
fs.writeFileSync(cliFile, starter, { mode: 0o755 });

// The cache: the functions a run compiles, after one run (its output is not needed).
fs.rmSync(cacheFile, { force: true });
const run = spawnSync(process.execPath, [cliFile, path.join(root, "examples", "example_input_data_1.data"), "5"], {
  env: { ...process.env, HIGHEST_WRITE_CODE_CACHE: cacheFile }, stdio: ["ignore", "ignore", "inherit"],
});
if (run.status !== 0 || !fs.existsSync(cacheFile)) {
  console.error(`bundle.mjs: no code cache (exit ${run.status}); highest-cli.js works without it, only slower to start`);
  fs.rmSync(cacheFile, { force: true });
}
