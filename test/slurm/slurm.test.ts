// `npm run test:slurm`: examples/slurm/run.sh on a real one-node Slurm cluster (test/slurm/cluster.sh,
// started here and stopped at the end), and examples/parallel/highest-parallel.sh with GNU parallel.
// Needs root, `apt-get install --no-install-recommends slurm-wlm munge parallel` (.ci/run does it).
//
// The command under test is the built CLI (or HIGHEST_SLURM_CLI, a path to another build of
// highest-cli.js), run with --shard I/K --lines per part and merged by one more run.
import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { seededUnit } from "../helpers/prng";
import { CLI } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, "..", "..");
const CLUSTER = path.join(__dirname, "cluster.sh");
const RUN = path.join(ROOT, "examples", "slurm", "run.sh");
const PARALLEL = path.join(ROOT, "examples", "parallel", "highest-parallel.sh");

const BUILT = path.resolve(process.env.HIGHEST_SLURM_CLI || CLI);
/** The highest command, as a list of words (run.sh takes it as one string split at blanks). */
const HIGHEST = [process.execPath, BUILT];
const MODE = `the CLI (${path.relative(ROOT, BUILT)})`;

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const temp = tempFolder("highest-slurm-test-");

// --- Inputs: plain files of a few MB and gzip files, in a mixed order; scores of 1..30 digits
// (beyond 2^64) with signs, unique-ish, plus a pool of tied top scores found in every file, so that
// the winners' tie order depends on the parts being merged in part order.
const TIES = ["999999999999999999999999999999999", "999999999999999999999999999999999", "-0", "77777777777777777777777777777777"];

function records(seed: number, name: string, lines: number, crlf = false): Buffer {
  const random = seededUnit(seed);
  const out: string[] = [];
  for (let n = 0; n < lines; n++) {
    let score: string;
    if (random() < 0.002) score = TIES[Math.floor(random() * TIES.length)];
    else {
      const digits = 1 + Math.floor(random() * 30);
      score = (random() < 0.3 ? "-" : "") + String(1 + Math.floor(random() * 9));
      for (let d = 1; d < digits; d++) score += String(Math.floor(random() * 10));
    }
    const id = random() < 0.2 ? String(seed * 10_000_000 + n) : `"${name}-${n}"`;
    const pad = "x".repeat(Math.floor(random() * 60));
    out.push(random() < 0.001 ? "  \t" : `${score}: {"id":${id},"pad":"${pad}"}`);
  }
  return Buffer.from(out.join(crlf ? "\r\n" : "\n") + "\n");
}

/** Lines in all inputs (a few are blank): a count above it prints every record. */
const ALL_RECORDS = 180_000;
let inputs: string[] = [];
let badInput = "";
let badLine = 0;

function makeInputs(): void {
  const plain = (i: number, lines: number) => temp.file(records(i, `p${i}`, lines, i === 2), `plain-${i}.data`);
  const gzip = (i: number, lines: number) => temp.file(zlib.gzipSync(records(100 + i, `g${i}`, lines)), `gzip-${i}.data.gz`);
  inputs = [plain(0, 40_000), gzip(0, 15_000), plain(1, 30_000), plain(2, 40_000), gzip(1, 15_000), gzip(2, 5_000), plain(3, 35_000)];
  // For the failure case: a plain file with one line of invalid data in its middle.
  const bad = records(7, "bad", 20_000, false).toString("latin1").split("\n");
  badLine = 12_345;
  bad[badLine - 1] = "12.5: {\"id\":\"not an integer score\"}";
  badInput = temp.file(Buffer.from(bad.join("\n"), "latin1"), "bad.data");
}

/** One run of `highest args…` outside any cluster: the reference. */
function highest(args: string[]): string {
  return execFileSync(HIGHEST[0], [...HIGHEST.slice(1), ...args], { encoding: "latin1", maxBuffer: 1 << 30 });
}

// --- The cluster
interface Cluster { proc: ChildProcess; env: NodeJS.ProcessEnv; ports: string[]; marker: string; folder: string; exited: Promise<number | null> }
let cluster: Cluster | undefined;

async function startCluster(): Promise<Cluster> {
  // CLUSTER_TIMEOUT: the backstop that ends the cluster even if this process hangs or dies.
  const proc = spawn("bash", [CLUSTER, "up"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, CLUSTER_TIMEOUT: "600" } });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  let stdout = "";
  let stderr = "";
  proc.stderr!.on("data", (chunk) => { stderr += chunk; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster not ready in 60 s:\n${stderr}`)), 60_000);
    proc.stdout!.on("data", (chunk) => {
      stdout += chunk;
      if (/^ready$/m.test(stdout)) { clearTimeout(timer); resolve(); }
    });
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`cluster.sh exited (${code}):\n${stderr}`)); });
  });
  const field = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(stdout)![1];
  const marker = field("marker");
  return {
    proc, exited, marker, ports: field("ports").split(","), folder: path.dirname(field("SLURM_CONF")),
    env: { ...process.env, SLURM_CONF: field("SLURM_CONF"), HIGHEST_SLURM_CLUSTER: marker.split("=")[1] },
  };
}

/** Closes the cluster's standard input: it stops everything; SIGKILL after 20 s (the namespace ends the rest). */
async function stopCluster(c: Cluster): Promise<void> {
  c.proc.stdin!.end();
  const timer = setTimeout(() => c.proc.kill("SIGKILL"), 20_000);
  await c.exited;
  clearTimeout(timer);
}

/** Processes whose environment holds the cluster's marker (daemons, job steps, jobs). */
function processesWithMarker(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const env = fs.readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (env.includes(marker)) found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").replace(/\0/g, " ")}`);
    } catch { /* gone meanwhile */ }
  }
  return found;
}

const client = (command: string, args: string[]) =>
  // A hang guard only (a client that never answers), far above any answer on a loaded machine.
  execFileSync("timeout", ["120", command, ...args], { env: cluster!.env, encoding: "utf8" });

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE"]);

/**
 * Blocks until the array's tasks and the merge job have all ended, then reads their states once.
 * The wait is Slurm's own: an srun job that may start only after both (afterany) is allocated,
 * runs `true` and returns; the controller tells srun when it is allocated (no poll of squeue).
 * Ended jobs stay listed by squeue for MinJobAge (cluster.sh: 300 s), so their states are there.
 * The timeout fails a stuck cluster's test instead of hanging it.
 */
function waitForJobs(array: string, merge: string): Map<string, string> {
  execFileSync("timeout", ["180", "srun", "--quiet", `--dependency=afterany:${array}:${merge}`, "--job-name=wait-for-jobs", "true"],
    { env: cluster!.env, encoding: "utf8" });
  const last = new Map<string, string>(); // each job's state ("<array>_<task>" or the merge's id)
  for (const line of client("squeue", ["-h", "-t", "all", "-o", "%i %T"]).split("\n")) {
    const [id, state] = line.trim().split(/\s+/);
    if (id === merge || id?.startsWith(`${array}_`)) last.set(id, state);
  }
  if (!TERMINAL.has(last.get(merge) ?? "") || [...last.values()].some((state) => !TERMINAL.has(state))) {
    throw new Error(`jobs not ended once the job after them ran: ${JSON.stringify([...last])}`);
  }
  return last;
}

/** examples/slurm/run.sh with K parts over `files`; returns the job states and the output folder. */
async function runSlurm(files: string[], n: string, k: number, name: string) {
  const out = path.join(temp.path, name);
  const submitted = execFileSync("timeout", ["30", RUN, ...files], {
    env: { ...cluster!.env, K: String(k), N: n, OUT: out, HIGHEST: HIGHEST.join(" ") }, encoding: "utf8",
  });
  const [array, merge] = submitted.trim().split(" ");
  const states = waitForJobs(array, merge);
  const tasks = [...Array(k).keys()].map((i) => states.get(`${array}_${i}`));
  return { out, tasks, merge: states.get(merge) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const read = (file: string) => fs.readFileSync(file, "latin1");

/** examples/slurm/run.sh --wait: blocks until the array and the merge are done; its exit code and output. */
function runSlurmWaiting(files: string[], n: string, k: number, name: string) {
  const out = path.join(temp.path, name);
  // A hang guard only: the jobs take seconds; sbatch --wait polls Slurm every few seconds.
  const r = spawnSync("timeout", ["200", RUN, "--wait", ...files], {
    env: { ...cluster!.env, K: String(k), N: n, OUT: out, HIGHEST: HIGHEST.join(" ") }, encoding: "latin1", maxBuffer: 1 << 30,
  });
  return { out, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  makeInputs();
  if (!has("slurmctld") || !has("munged")) {
    throw new Error("slurmctld/munged not found: apt-get install -y --no-install-recommends slurm-wlm munge");
  }
  cluster = await startCluster();
}, 90_000);

afterAll(async () => {
  if (cluster) await stopCluster(cluster);
});

describe(`Slurm: examples/slurm/run.sh on a one-node cluster, with ${MODE}`, () => {
  it.each(["25", "1000", String(ALL_RECORDS + 10)])(
    "an 8-task array and its merge print exactly what one run prints (N = %s)", async (n) => {
      const { out, tasks, merge } = await runSlurm(inputs, String(n), 8, `ok-${n}`);
      expect(tasks).toEqual(Array(8).fill("COMPLETED"));
      expect(merge).toBe("COMPLETED");
      for (let i = 0; i < 8; i++) expect(read(path.join(out, "logs", `part-${i}.err`))).toBe("");
      expect(read(path.join(out, "logs", "merge.err"))).toBe("");
      expect(read(path.join(out, "result.json"))).toEqual(highest([...inputs, String(n)]));
    });

  // Issue 27: a single-member gzip file beside its index is cut at its points between the parts.
  it("a gzip file with its index is spread over the parts, and the merge prints what one run prints", async () => {
    const file = temp.file(zlib.gzipSync(records(300, "ix", 60_000)), "indexed.data.gz");
    highest(["--write-index", "--index-spacing", "65536", file, "1"]);
    expect(fs.existsSync(`${file}.gzidx`)).toBe(true);
    const { out, tasks, merge } = await runSlurm([file], "100", 8, "indexed");
    expect(tasks).toEqual(Array(8).fill("COMPLETED"));
    expect(merge).toBe("COMPLETED");
    // Every part holds some of the file (without its index, one part would hold it all).
    const parts = [...Array(8).keys()].map((i) => read(path.join(out, `part-${i}.lines`)));
    expect(parts.map((text) => text.length > 0)).toEqual(Array(8).fill(true));
    expect(read(path.join(out, "result.json"))).toEqual(highest([file, "100"]));
  });

  it("a part with invalid data fails the array with that part's message, and the merge never prints a result", async () => {
    const files = [...inputs.slice(0, 3), badInput, ...inputs.slice(3)];
    const { out, tasks, merge } = await runSlurm(files, "10", 8, "bad");
    const errors = [...Array(8).keys()].map((i) => read(path.join(out, "logs", `part-${i}.err`)));
    const failed = errors.flatMap((text, i) => (text === "" ? [] : [i]));
    expect(failed).toHaveLength(1);
    const part = failed[0];
    expect(errors[part]).toMatch(new RegExp(`^highest: ${badInput.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line ${badLine}: [^\n]+\n$`));
    expect(tasks[part]).toBe("FAILED");
    expect(fs.existsSync(path.join(out, `part-${part}.lines`))).toBe(false);
    // The merge is cancelled (kill_invalid_depend / --kill-on-invalid-dep) and never ran.
    expect(merge).toBe("CANCELLED");
    expect(fs.existsSync(path.join(out, "result.json"))).toBe(false);
    expect(fs.existsSync(path.join(out, "logs", "merge.out"))).toBe(false);
  });

  // Issue 25 item 9: a blocking mode, so a failed part shows in the exit code, not only in squeue or a log.
  it("--wait: returns once the merge is done, prints the result, exit 0", () => {
    const r = runSlurmWaiting(inputs, "25", 8, "wait-ok");
    expect(r.status).toBe(0);
    expect(r.stdout).toEqual(highest([...inputs, "25"]));
    expect(read(path.join(r.out, "result.json"))).toEqual(r.stdout);
    expect(r.stderr).toMatch(/^run\.sh: array job \d+ \(8 parts\) submitted, waiting\nrun\.sh: merge job \d+ submitted, waiting\n$/);
  });

  it("--wait: a part with invalid data exits non-zero naming the failed part (array task) and its log, no result", () => {
    const files = [...inputs.slice(0, 3), badInput, ...inputs.slice(3)];
    const r = runSlurmWaiting(files, "10", 8, "wait-bad");
    const errors = [...Array(8).keys()].map((i) => read(path.join(r.out, "logs", `part-${i}.err`)));
    const failed = errors.flatMap((text, i) => (text === "" ? [] : [i]));
    expect(failed).toHaveLength(1);
    const part = failed[0];
    const log = path.join(r.out, "logs", `part-${part}.err`);
    expect(r.status).toBe(2); // the failed task's exit code: highest's, invalid data
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^run\\.sh: array job (\\d+) \\(8 parts\\) submitted, waiting\n`
      + `run\\.sh: part ${part} of 8 failed \\(array task \\1_${part}\\); its log: ${escape(log)}\n`
      + `run\\.sh: {3}highest: ${escape(badInput)}: line ${badLine}: [^\n]+\n`
      + `run\\.sh: 1 of 8 parts failed: no merge, no result\n$`));
    expect(fs.existsSync(path.join(r.out, "result.json"))).toBe(false);
    expect(fs.existsSync(path.join(r.out, "logs", "merge.out"))).toBe(false);
  });

  it("stops every process it started and leaves nothing listening", async () => {
    const c = cluster!;
    const listening = () => execFileSync("ss", ["-Hltnp"], { encoding: "utf8" }).split("\n")
      .filter((line) => c.ports.some((port) => line.includes(`:${port} `)) || /slurm|munge/.test(line));
    expect(listening()).not.toEqual([]);
    expect(processesWithMarker(c.marker)).not.toEqual([]);
    await stopCluster(c);
    cluster = undefined;
    expect(await c.exited).toBe(0);
    expect(listening()).toEqual([]);
    expect(processesWithMarker(c.marker)).toEqual([]);
    expect(fs.existsSync(c.folder)).toBe(false);
  });
});

const parallelIt = has("parallel") ? it : it.skip;
describe(`GNU parallel: examples/parallel/highest-parallel.sh, with ${MODE}`, () => {
  parallelIt(`4 parts and the merge print exactly what one run prints${has("parallel") ? "" : " (SKIPPED: GNU parallel not installed; apt-get install parallel)"}`, () => {
    for (const n of ["25", "1000"]) {
      const merged = execFileSync(PARALLEL, inputs, {
        env: { ...process.env, K: "4", N: n, HIGHEST: HIGHEST.join(" ") }, encoding: "latin1", maxBuffer: 1 << 30,
      });
      expect(merged).toEqual(highest([...inputs, n]));
    }
  });

  parallelIt("a part with invalid data fails with its message and prints nothing", () => {
    const run = spawnSync(PARALLEL, [...inputs.slice(0, 3), badInput, ...inputs.slice(3)], {
      env: { ...process.env, K: "4", N: "10", HIGHEST: HIGHEST.join(" ") }, encoding: "latin1",
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`highest: ${badInput}: line ${badLine}: `);
  });
});
