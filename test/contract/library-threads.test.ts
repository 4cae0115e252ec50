// The Node library's default threads are the CLI's (issue 29 item 6): the available cores
// (os.availableParallelism()), not one, so a large file is as fast from highest() as from the
// command line. Counted by the helpers a run starts: with 3 cores (mocked, whatever this
// machine has) and enough units, a run without `threads` starts 2 helpers, as --threads 3 does.
import * as fs from "node:fs";
import * as path from "node:path";
import { highest } from "../../src/node/internal";
import { tempFolder } from "../helpers/temp-folder";

jest.mock("node:os", () => ({ ...jest.requireActual<typeof import("node:os")>("node:os"), availableParallelism: () => 3 }));
// The real workers, counted.
jest.mock("../../src/node/workers", () => {
  const actual = jest.requireActual<typeof import("../../src/node/workers")>("../../src/node/workers");
  return { ...actual, startWorker: jest.fn(actual.startWorker) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workers = require("../../src/node/workers") as { startWorker: jest.Mock };

const temp = tempFolder("highest-library-threads-");
const tuning = { minThreadedBytes: 0, segmentBytes: 64 }; // threads even for a small file: many units

test("without `threads`, a run uses the available cores (3 here: 2 helpers)", async () => {
  const lines = Array.from({ length: 400 }, (_, i) => `${(i * 7919) % 1000}: {"id":${i}}\n`).join("");
  const file = path.join(temp.path, "f.data");
  fs.writeFileSync(file, lines);
  const winners = await highest(file, 3, { tuning });
  expect(workers.startWorker).toHaveBeenCalledTimes(2);
  workers.startWorker.mockClear();
  expect(await highest(file, 3, { tuning, threads: 1 })).toEqual(winners); // the option still rules, same answer
  expect(workers.startWorker).not.toHaveBeenCalled();
});
