// A helper worker started before its run is planned (src/node/workers.ts, early-worker.ts): it
// takes its job as its first message and scans units of the shared board; one no run takes is
// ended; and the command line that starts one ahead gives the single-threaded answer, whether
// its run takes the worker (a plain file) or not (a gzip file is one unit: no helper).
import * as fs from "node:fs";
import { gzipSync } from "node:zlib";
import { Claims } from "../../src/core/run/claims";
import { planUnits } from "../../src/core/model/plan";
import { expandInputs } from "../../src/node/inputs";
import { dropSpareWorker, prestartWorker, startWorker } from "../../src/node/workers";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const temp = tempFolder("highest-early-");
const lines = Array.from({ length: 3000 }, (_, i) => `${(i * 7919) % 3001}: {"id":"r${i}"}\n`).join("");

test("a worker started ahead takes its job as its first message and scans the units it claims", async () => {
  const file = temp.file(lines);
  const { inputs } = await expandInputs([file]);
  const plan = { inputs, units: planUnits(inputs, 1000) };
  const claims = new Claims(plan.units.length);
  prestartWorker();
  const helper = startWorker({ plan, claims: claims.cells, id: 2, limit: 5, engine: "js", strict: false });
  try {
    const result = await helper.result;
    // This thread claimed nothing: every unit is the helper's, and it kept the 5 best lines.
    expect(plan.units.every((_, k) => claims.owner(k) === 2)).toBe(true);
    expect(result.kept.count).toBe(5);
  } finally {
    await helper.close(false);
  }
});

test("a worker started ahead that no run takes is ended, and the next run starts its own", async () => {
  prestartWorker();
  await dropSpareWorker();
  const file = temp.file(lines);
  const { inputs } = await expandInputs([file]);
  const plan = { inputs, units: planUnits(inputs, 100_000) };
  const claims = new Claims(plan.units.length);
  const helper = startWorker({ plan, claims: claims.cells, id: 2, limit: 1, engine: "js", strict: false });
  try {
    expect((await helper.result).kept.count).toBe(1);
  } finally {
    await helper.close(false);
  }
});

describe("the command line with a worker started ahead", () => {
  const threaded = ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "4096", "--compact"];
  test.each([
    ["a plain file (the run takes the worker)", (file: string) => file],
    ["a gzip file (one unit: the run leaves the worker)", (file: string) => temp.file(gzipSync(fs.readFileSync(file)))],
  ])("%s: the single-threaded answer", (_, input) => {
    const file = input(temp.file(lines));
    const alone = runCli([file, "7", "--threads", "1", "--compact"]);
    expect(alone.code).toBe(0);
    expect(runCli([file, "7", ...threaded])).toEqual(alone);
  });
});
