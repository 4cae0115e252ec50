// The recipes a user pastes (issue 16): the GNU parallel blocks of README.md, docs/CLUSTERS.md and
// examples/slurm/README.md, run from the documents' own text (the fenced block after
// `<!-- recipe: parallel -->`), and the Slurm job scripts run by hand, without a cluster.
// All parts good: exactly what one run prints. One bad part: the whole fails (non-zero exit),
// nothing on standard output, and the merge never runs, even over part files an earlier run left.
// The real cluster is test/slurm/slurm.test.ts.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { CLI } from "../helpers/run-cli";
import { testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

const ROOT = path.resolve(__dirname, "..", "..");
const temp = tempFolder("highest-recipes-");
const hasParallel = spawnSync("sh", ["-c", "command -v parallel"]).status === 0;

/** The fenced block that follows `<!-- recipe: NAME -->` in a Markdown file of the repository. */
function recipe(doc: string, name: string): string {
  const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
  const block = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`(?:sh|bash)\\n([\\s\\S]*?)\`\`\`\\n`).exec(text);
  if (!block) throw new Error(`${doc}: no \`\`\`sh block right after <!-- recipe: ${name} -->`);
  return block[1];
}

// --- Inputs: 8 files of about equal size; the top scores tie across all files, so the merged
// result is right only if the parts are merged in part order. The bad input is file 5 with an
// invalid score in its middle: at 5.5/8 of the bytes, inside part 2 of 4 (checked below).
const FILES = 8;
const LINES = 1000;
const BAD_FILE = 5;
const BAD_LINE = LINES / 2;

function records(file: number, bad: boolean): Buffer {
  const lines: string[] = [];
  let state = 1000 + file;
  for (let n = 1; n <= LINES; n++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const score = n % 40 === 0 ? "99999999999999999999999" : `${state % 3 ? "" : "-"}${state}`;
    lines.push(bad && n === BAD_LINE ? `12.5: {"id":"bad"}` : `${score}: {"id":"f${file}-${n}"}`);
  }
  return Buffer.from(lines.join("\n") + "\n");
}

/** A fresh folder holding `folder`/f0…f7 (gzip or plain), `bin/highest` and the log of its calls. */
function workFolder(name: string, folder: string, gzip: boolean, bad: boolean) {
  const work = path.join(temp.path, name);
  fs.mkdirSync(path.join(work, folder), { recursive: true });
  fs.mkdirSync(path.join(work, "bin"));
  const write = (isBad: boolean) => {
    for (let f = 0; f < FILES; f++) {
      const data = records(f, isBad && f === BAD_FILE);
      fs.writeFileSync(path.join(work, folder, `f${f}.data${gzip ? ".gz" : ""}`), gzip ? zlib.gzipSync(data) : data);
    }
  };
  write(bad);
  // `highest` on PATH: the built CLI, each call's arguments logged (the merge is the call without --shard).
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const calls = path.join(work, "calls.log");
  fs.writeFileSync(path.join(work, "bin", "highest"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> ${quote(calls)}\nexec ${quote(process.execPath)} ${quote(CLI)} "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${path.join(work, "bin")}:${process.env.PATH}` };
  const run = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(command, args, { cwd: work, env: { ...env, ...extra }, encoding: "latin1", maxBuffer: 1 << 28 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const merges = () => (fs.existsSync(calls) ? fs.readFileSync(calls, "utf8") : "").split("\n").filter((c) => c && !c.includes("--shard"));
  const inputs = fs.readdirSync(path.join(work, folder)).sort().map((f) => path.join(folder, f));
  return {
    work, run, merges, inputs,
    /** One run of highest outside the recipe. */
    highest: (args: string[]) => run(process.execPath, [CLI, ...args]),
    /** Makes file 5 bad (after a good run: its part files stay behind) and forgets the calls so far. */
    spoil: () => { write(true); fs.rmSync(calls, { force: true }); },
  };
}

/** The part files (finished or temporary) a recipe left in `folder`. */
const partFiles = (folder: string) => fs.readdirSync(folder).filter((name) => /^part-.*\.(lines|tmp)$/.test(name)).sort();

const RECIPES = [
  // [document, input folder, gzip, the one run the recipe stands for (K = 4 in both)]
  ["README.md", "runs", false, (_inputs: string[]) => ["runs/", "10"]],
  ["docs/CLUSTERS.md", "runs", false, (_inputs: string[]) => ["runs/", "10"]],
  ["examples/slurm/README.md", "data", true, (inputs: string[]) => [...inputs, "100"]],
] as const;

describe.each(RECIPES)("the GNU parallel recipe of %s, run from its text", (doc, folder, gzip, oneRun) => {
  const it = testUnless(hasParallel ? undefined : "GNU parallel is not installed (apt-get install parallel)");
  const name = doc.replace(/\W/g, "-");

  it("all parts good: prints exactly what one run over all inputs prints", () => {
    const w = workFolder(`${name}-good`, folder, gzip, false);
    const expected = w.highest(oneRun(w.inputs));
    expect(expected.status).toBe(0);
    expect(expected.stdout).toMatch(/^\[\n/);
    const r = w.run("bash", ["-c", recipe(doc, "parallel")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
    expect(w.merges()).toHaveLength(1);
  });

  for (const [rerun, when] of [[false, "in a fresh folder"], [true, "after a good run left its part files"]] as const) {
    it(`part 2 of 4 with invalid data: the whole fails, prints nothing, the merge never runs, and no earlier part file is left (${when})`, () => {
      const w = workFolder(`${name}-bad-${rerun}`, folder, gzip, !rerun);
      if (rerun) {
        expect(w.run("bash", ["-c", recipe(doc, "parallel")]).status).toBe(0);
        // Mark the first run's part files (mtime 0): a new part is written and renamed, never touched in place.
        for (const file of partFiles(w.work)) fs.utimesSync(path.join(w.work, file), 0, 0);
        expect(partFiles(w.work)).toHaveLength(4);
        w.spoil();
      }
      // The bad line is in part 2 and only there.
      const parts = [0, 1, 2, 3].map((i) => w.highest(["--shard", `${i}/4`, "--lines", ...oneRun(w.inputs)]).status);
      expect(parts).toEqual([0, 0, 2, 0]);
      const r = w.run("bash", ["-c", recipe(doc, "parallel")]);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`: line ${BAD_LINE}: score is not an integer`);
      expect(w.merges()).toEqual([]);
      // Issue 25 item 8: no part of the earlier run is left for a merge by hand to print as this run's answer.
      const stale = partFiles(w.work).filter((file) => fs.statSync(path.join(w.work, file)).mtimeMs === 0);
      expect(stale).toEqual([]);
      expect(partFiles(w.work)).not.toContain("part-2.lines");
    });
  }
});

testUnless(hasParallel ? undefined : "GNU parallel is not installed (apt-get install parallel)")(
  "examples/parallel/highest-parallel.sh with OUT, part 2 bad after a good run: fails, prints nothing, no merge, no part file of the good run", () => {
    const w = workFolder("parallel-script", "runs", false, false);
    const script = path.join(ROOT, "examples", "parallel", "highest-parallel.sh");
    const settings = { K: "4", N: "10", OUT: path.join(w.work, "out") };
    const good = w.run(script, ["runs/"], settings);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe(w.highest(["runs/", "10"]).stdout);
    for (const file of partFiles(settings.OUT)) fs.utimesSync(path.join(settings.OUT, file), 0, 0); // the first run's, marked
    w.spoil();
    const r = w.run(script, ["runs/"], settings);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`: line ${BAD_LINE}: score is not an integer`);
    expect(w.merges()).toEqual([]);
    expect(fs.existsSync(path.join(settings.OUT, "part-2.lines"))).toBe(false);
    expect(partFiles(settings.OUT).filter((file) => fs.statSync(path.join(settings.OUT, file)).mtimeMs === 0)).toEqual([]);
  });

describe("the Slurm job scripts run by hand (examples/slurm/highest-array.sbatch, highest-merge.sbatch)", () => {
  const ARRAY = path.join(ROOT, "examples", "slurm", "highest-array.sbatch");
  const MERGE = path.join(ROOT, "examples", "slurm", "highest-merge.sbatch");
  const K = 4;

  /** Runs the K array tasks one after another, then the merge; their exit codes and the result file. */
  function slurmByHand(w: ReturnType<typeof workFolder>, options = "") {
    const out = path.join(w.work, "out");
    fs.mkdirSync(out, { recursive: true });
    const env = { N: "10", K: String(K), OUT: out, HIGHEST: "highest", OPTIONS: options };
    const tasks = [...Array(K).keys()].map((i) =>
      w.run("bash", [ARRAY, ...w.inputs], { ...env, SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: String(K) }));
    const merge = w.run("bash", [MERGE], env);
    const result = path.join(out, "result.json");
    return { out, tasks, merge, result: fs.existsSync(result) ? fs.readFileSync(result, "latin1") : undefined };
  }

  test("all tasks good: result.json is exactly what one run prints", () => {
    const w = workFolder("slurm-good", "runs", false, false);
    const { tasks, merge, result } = slurmByHand(w);
    expect(tasks.map((t) => t.status)).toEqual([0, 0, 0, 0]);
    expect(merge).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(result).toBe(w.highest([...w.inputs, "10"]).stdout);
  });

  test("OPTIONS=--locations is refused by the merge (it would name the part files): exit 64, no result", () => {
    const w = workFolder("slurm-locations", "runs", false, false);
    const { tasks, merge, result } = slurmByHand(w, "--compact --locations");
    expect(tasks.map((t) => t.status)).toEqual([0, 0, 0, 0]);
    expect(merge.status).toBe(64);
    expect(merge.stdout).toBe("");
    expect(merge.stderr).toMatch(/^highest-merge: OPTIONS cannot hold --locations: it would name the part files, not the inputs\n$/);
    expect(w.merges()).toEqual([]);
    expect(result).toBeUndefined();
    // And with the options a merge takes, the result is one run's.
    const good = slurmByHand(workFolder("slurm-compact", "runs", false, false), "--compact");
    expect(good.merge.status).toBe(0);
  });

  test.each([{ rerun: false, when: "in a fresh folder" }, { rerun: true, when: "after a good run left its part files and result" }])(
    "task 2 with invalid data leaves no part file; the merge fails, runs no highest and leaves no result.json ($when)", ({ rerun }) => {
      const w = workFolder(`slurm-bad-${rerun}`, "runs", false, !rerun);
      if (rerun) {
        expect(slurmByHand(w).result).toBeDefined();
        w.spoil();
      }
      const { out, tasks, merge, result } = slurmByHand(w);
      expect(tasks.map((t) => t.status)).toEqual([0, 0, 2, 0]);
      expect(tasks[2].stderr).toContain(`: line ${BAD_LINE}: score is not an integer`);
      expect(fs.existsSync(path.join(out, "part-2.lines"))).toBe(false);
      expect(merge.status).not.toBe(0);
      expect(merge.stdout).toBe("");
      expect(merge.stderr).toContain("part-2.lines is missing");
      expect(w.merges()).toEqual([]);
      expect(result).toBeUndefined();
    });
});
