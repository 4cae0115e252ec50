// The layout of src/ and web/: dependency-cruiser with the house rules (layers.cjs) finds no cycle
// (type imports count), no import that runs up a stage of src/core, and no import between the
// library and the page but the page's of the public entry; and the rules do catch each, on a small
// tree made here.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempFolder } from "../helpers/temp-folder";

const ROOT = path.resolve(__dirname, "..", "..");
const RULES = path.join(__dirname, "layers.cjs");
const DEPCRUISE = path.join(ROOT, "node_modules", ".bin", "depcruise");

interface Violation { rule: { name: string }; from: string; to: string }

/** The violations dependency-cruiser reports for `src` and `web` under `cwd`. */
function violations(cwd: string): Violation[] {
  const folders = ["src", "web"].filter((folder) => fs.existsSync(path.join(cwd, folder)));
  const run = spawnSync(DEPCRUISE, ["--config", RULES, "--output-type", "json", ...folders], { cwd, encoding: "utf8" });
  if (run.error) throw run.error;
  const report = JSON.parse(run.stdout);
  return report.summary.violations as Violation[];
}

test("src/ and web/: no cycle, no import up a stage, core platform-neutral, the page on the public entry only", () => {
  const found = violations(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  expect(found).toEqual([]);
});

const temp = tempFolder("layers-");

test("the rules catch a type-only cycle, an upward import, a file outside the stages and a Node module in core", () => {
  const dir = temp.path;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true } }));
  write("src/core/model/a.ts", 'import type { B } from "./b";\nexport interface A { b?: B }\n');
  write("src/core/model/b.ts", 'import type { A } from "./a";\nexport interface B { a?: A }\n');
  write("src/core/columns/c.ts", 'import { run } from "../run/r";\nexport const c = run;\n');
  write("src/core/run/r.ts", "export const run = 1;\n");
  write("src/core/loose.ts", 'import { run } from "./run/r";\nexport const loose = run;\n');
  write("src/core/input/f.ts", 'import * as fs from "node:fs";\nexport const f = fs.readFileSync;\n');
  const names = new Set(violations(dir).map((v) => v.rule.name));
  expect([...names].sort()).toEqual(["core-columns-imports-down", "core-in-stages", "core-platform-neutral", "no-cycle"]);
});

/** Every .ts file below a folder of the repository. */
function sources(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts")).map((file) => path.join(folder, file));
}

test("one file compiles and instantiates the WebAssembly core: src/core/wasm/core-module.ts", () => {
  const touching = sources("src").filter((file) =>
    /WebAssembly\.(compile|compileStreaming|instantiate|validate)\b|new WebAssembly\.(Module|Instance)\b/.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
  expect(touching).toEqual([path.join("src", "core", "wasm", "core-module.ts")]);
});

test("no file of src/, assembly/ or web/ is over 300 lines: a room a newcomer can read", () => {
  const long = [...sources("src"), ...sources("assembly"), ...sources("web")]
    .map((file) => [file, fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1] as const)
    .filter(([, lines]) => lines > 300);
  expect(long).toEqual([]);
});

test("the rules catch the library importing the page, and the page importing past the public entry", () => {
  const dir = path.join(temp.path, "page");
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true } }));
  write("src/core/model/m.ts", "export const m = 1;\n");
  write("src/core/output/o.ts", 'import { shown } from "../../../web/shown";\nexport const o = shown;\n');
  write("src/browser/index.ts", 'export { m } from "../core/model/m";\n');
  write("web/shown.ts", "export const shown = 2;\n");
  write("web/main.ts", 'import { m } from "../src/browser/index";\nimport { o } from "../src/core/output/o";\nexport const all = [m, o];\n');
  const found = violations(dir).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
  expect(found).toEqual([
    "library-not-page: src/core/output/o.ts -> web/shown.ts",
    "page-public-library-only: web/main.ts -> src/core/output/o.ts",
  ]);
});
