// The package as users get it: `npm pack`, then the tarball installed offline into a fresh project
// (and globally, into a prefix), used as each kind of user would: the CLI through its bin and npx,
// require() and import in Node, the types with tsc, and a browser bundle built by esbuild.
// npm test builds first; the tarball is packed from that build with the package's own scripts:
// prepack drops `prepare` (postpack puts it back), so the pack builds nothing and ships no `prepare`.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLI, runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const EXAMPLE = path.join(ROOT, "examples", "example_input_data_1.data");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** npm's own variables of an enclosing `npm test` would steer the npm runs below; keep only the cache. */
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_") || name.toLowerCase() === "npm_config_cache"),
);

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** Runs and expects exit 0; the failure message shows what the command printed. */
async function ok(command: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const temp = tempFolder("highest-pack-");
let files: string[] = [];
let project = "";
let prefix = "";
/** What npm warned of while installing the tarball. */
let installWarnings: string[] = [];

beforeAll(async () => {
  const before = fs.readFileSync(path.join(ROOT, "package.json"), "utf8");
  const packed = await ok("npm", ["pack", "--json", "--pack-destination", temp.path], ROOT);
  expect(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).toBe(before); // postpack restored it
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = info.files.map((file) => file.path).sort();
  const tarball = path.join(temp.path, info.filename);

  project = path.join(temp.path, "project");
  prefix = path.join(temp.path, "global");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-project", version: "1.0.0", private: true }));
  const flags = ["--offline", "--no-audit", "--no-fund"];
  const installs = await Promise.all([
    ok("npm", ["install", tarball, ...flags], project),
    ok("npm", ["install", "--global", "--prefix", prefix, tarball, ...flags], temp.path),
  ]);
  installWarnings = installs.map((install) => install.stdout + install.stderr).join("").split("\n").filter((line) => /warn/i.test(line));
}, 120_000);

describe("the tarball's contents", () => {
  test("carries the CLI, the Node and browser builds, both cores, types and docs", () => {
    for (const file of [
      "package.json", "README.md", "LICENSE", "docs/SPEC.md", "bench/RESULTS.md", "bench/chart.svg", // the README links them
      "build/node/highest-cli.js", "build/node/scan-worker.js", "build/node/index.js", "build/node/index.d.ts",
      "build/core/index.js", "build/core/index.d.ts",
      "build/browser/highest.mjs", "build/browser/highest.worker.mjs", "build/browser/index.d.ts",
      "build/wasm/highest.simd.wasm", "build/wasm/highest.scalar.wasm",
    ]) {
      expect(files).toContain(file);
    }
  });

  test("the shipped package.json has no `prepare` (npm would flag it as an install script): the install warns of nothing", () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "highest", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(shipped.scripts.prepare).toBeUndefined();
    expect(shipped.scripts.build).toBeDefined(); // the rest is as in the repository
    expect(installWarnings).toEqual([]);
  });

  test("no debug core, no .wat text, no tests, no sources, no internal entry with test knobs", () => {
    const unwanted = files.filter((file) =>
      /\.wat$|debug|internal/.test(file) || /^(test|src|assembly|examples)\//.test(file) || (/^bench\//.test(file) && !/^bench\/(RESULTS\.md|chart\.svg)$/.test(file))
      || (/\.ts$/.test(file) && !/\.d\.ts$/.test(file)));
    expect(unwanted).toEqual([]);
  });
});

describe("the command line", () => {
  const expected = () => {
    const repo = runCli([EXAMPLE, "3"]);
    expect(repo.code).toBe(0);
    expect(JSON.parse(repo.stdout)).toHaveLength(3);
    return repo;
  };

  test("node_modules/.bin/highest prints what the repository's CLI prints", async () => {
    const installed = await run(path.join(project, "node_modules", ".bin", "highest"), [EXAMPLE, "3"], project);
    expect(installed).toEqual(expected());
  });

  test("npx highest, offline, runs the installed CLI", async () => {
    const installed = await run("npx", ["--offline", "highest", EXAMPLE, "3"], project);
    expect(installed).toEqual(expected());
  });

  test("a global install puts highest on the prefix's bin", async () => {
    const installed = await run(path.join(prefix, "bin", "highest"), [EXAMPLE, "3"], temp.path);
    expect(installed).toEqual(expected());
    const version = await ok(path.join(prefix, "bin", "highest"), ["--version"], temp.path);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  test("--help names the installed package's own docs/SPEC.md by a path that exists", async () => {
    const help = await ok(path.join(project, "node_modules", ".bin", "highest"), ["--help"], project);
    const spec = /^The contract \(input, output, errors, every decision\): (.+)$/m.exec(help.stdout)?.[1];
    expect(spec).toBe(fs.realpathSync(path.join(project, "node_modules", "highest", "docs", "SPEC.md")));
  });

  test("the bin is the bundled CLI, with nothing left to install", () => {
    const bin = fs.realpathSync(path.join(project, "node_modules", ".bin", "highest"));
    expect(bin).toBe(path.join(fs.realpathSync(project), "node_modules", "highest", "build", "node", path.basename(CLI)));
    expect(fs.readdirSync(path.join(project, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["highest"]);
  });
});

describe("the Node library", () => {
  const script = `
    process.stdout.write(JSON.stringify(winners.map((w) => [String(w.score), w.idJson, w.line])));`;
  const expected = () => (JSON.parse(runCli([EXAMPLE, "3", "--compact"]).stdout) as Array<{ score: number; id: string }>)
    .map(({ id }) => id);

  test('require("highest") and highest(path, 3)', async () => {
    fs.writeFileSync(path.join(project, "use.cjs"), `
      const { highest, HighestError } = require("highest");
      if (typeof HighestError !== "function") throw new Error("no HighestError");
      highest(${JSON.stringify(EXAMPLE)}, 3).then((winners) => {${script}
      });`);
    const result = await ok(process.execPath, ["use.cjs"], project);
    const winners = JSON.parse(result.stdout) as Array<[string, string, number]>;
    expect(winners.map(([, idJson]) => JSON.parse(idJson))).toEqual(expected());
  });

  test('import { highest } from "highest" in an ES module', async () => {
    fs.writeFileSync(path.join(project, "use.mjs"), `
      import { highest, HighestError, formatWinners } from "highest";
      if (typeof HighestError !== "function" || typeof formatWinners !== "function") throw new Error("missing exports");
      const winners = await highest(${JSON.stringify(EXAMPLE)}, 3);${script}`);
    const result = await ok(process.execPath, ["use.mjs"], project);
    const winners = JSON.parse(result.stdout) as Array<[string, string, number]>;
    expect(winners.map(([, idJson]) => JSON.parse(idJson))).toEqual(expected());
  });

  test("highest/wasm/* and highest/package.json resolve to the package's files", async () => {
    const result = await ok(process.execPath, ["-e", `
      const fs = require("node:fs");
      console.log(JSON.stringify([
        fs.readFileSync(require.resolve("highest/wasm/highest.simd.wasm")).length,
        require("highest/package.json").version,
        require.resolve("highest/build/browser/highest.mjs"),
      ]));`], project);
    const [simdBytes, version, deep] = JSON.parse(result.stdout) as [number, string, string];
    expect(simdBytes).toBe(fs.statSync(path.join(ROOT, "build", "wasm", "highest.simd.wasm")).size);
    expect(version).toBe(VERSION);
    expect(deep).toMatch(/highest[\\/]build[\\/]browser[\\/]highest\.mjs$/);
  });
});

describe("types and bundlers", () => {
  test("TypeScript type-checks Node (node16, ESM and CommonJS) and browser (bundler) users against the package", async () => {
    const write = (name: string, text: string) => fs.writeFileSync(path.join(project, name), text);
    write("node-esm.mts", `
      import { highest, HighestError, formatWinners, type Winner } from "highest";
      const winners: Winner[] = await highest("runs.data", 3, { strict: true, engine: "js", signal: AbortSignal.timeout(1000) });
      const score: bigint = winners[0].score;
      const line: number = winners[0].line;
      const text: string = formatWinners(winners, false);
      const kind: "usage" | "input" | "data" | "internal" | "aborted" = new HighestError("data", "line 1").kind;
      // @ts-expect-error: the count is a number or a bigint
      await highest("runs.data", "3");
      void score; void line; void text; void kind;
    `);
    write("node-cjs.cts", `
      import lib = require("highest");
      const winners: Promise<lib.Winner[]> = lib.highest("runs.data", 3n);
      void winners;
    `);
    write("browser.ts", `
      import { highest, highestInWorker, type BrowserInput } from "highest";
      const input: BrowserInput = new Blob(['5: {"id": 1}\\n']);
      const winners = await highest(input, 1, { wasmUrl: "/wasm/", helperUrl: new URL("https://example.org/h.mjs"), threads: 2, onThreads: (n: number) => void n });
      const score: bigint = winners[0].score;
      // @ts-expect-error: a path is a Node input, not a browser one
      await highest("runs.data", 1);
      void score; void highestInWorker;
    `);
    const strict = { strict: true, noEmit: true, target: "ES2022", skipDefaultLibCheck: true };
    write("tsconfig.node.json", JSON.stringify({
      compilerOptions: { ...strict, module: "node16", moduleResolution: "node16", lib: ["ES2022"],
        typeRoots: [path.join(ROOT, "node_modules", "@types")], types: ["node"] },
      files: ["node-esm.mts", "node-cjs.cts"],
    }));
    write("tsconfig.browser.json", JSON.stringify({
      compilerOptions: { ...strict, module: "esnext", moduleResolution: "bundler", // Vite's default: no "browser" condition
        lib: ["ES2022", "DOM"], types: [] },
      files: ["browser.ts"],
    }));
    const tsc = path.join(BIN, "tsc");
    const [node, browser] = await Promise.all([
      run(tsc, ["-p", "tsconfig.node.json"], project),
      run(tsc, ["-p", "tsconfig.browser.json"], project),
    ]);
    expect(node.stdout + node.stderr).toBe("");
    expect(browser.stdout + browser.stderr).toBe("");
    expect([node.code, browser.code]).toEqual([0, 0]);
  });

  test("esbuild bundling for the browser takes the browser build; for Node, the Node build", async () => {
    fs.writeFileSync(path.join(project, "entry.js"), 'import { highest } from "highest";\nexport const run = (file) => highest(file, 3);\n');
    const esbuild = path.join(BIN, "esbuild");
    const common = ["entry.js", "--bundle", "--format=esm", "--log-level=warning"];
    await Promise.all([
      ok(esbuild, [...common, "--platform=browser", "--outfile=browser.js"], project),
      ok(esbuild, [...common, "--platform=node", "--outfile=node.js"], project),
    ]);
    const browser = fs.readFileSync(path.join(project, "browser.js"), "utf8");
    expect(browser).toContain("fetch(");               // the browser's core loader
    expect(browser).toContain("highest.simd.wasm");
    expect(browser).not.toMatch(/node:|worker_threads|readFileSync/);
    const node = fs.readFileSync(path.join(project, "node.js"), "utf8");
    expect(node).toMatch(/node:fs/);
  });
});
