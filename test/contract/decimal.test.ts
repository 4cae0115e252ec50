// --decimal (SPEC: Input, Score): what the differential suite does not reach. Standard input
// (kept lines carry the score as written), --lines and --records with decimal scores, and the
// library's decimal: true (Winner.score is a bigint for integers, the printed text otherwise;
// the option is checked as a boolean).
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/index";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const temp = tempFolder("highest-decimal-contract-");
const CONTENT = [
  '+007.50: {"id":"a"}', "1.5 : {\"id\":\"b\"}", '100: {"id":"c"}', '1e2: {"id":"d"}', '-0.0: {"id":"e"}',
  '00.50: {"id":"f"}', '1E+00: {"id":"g"}', '-2.5e-3: {"id":"h"}',
].join("\n") + "\n";

test("standard input, a file and threads print the same decimal ranking (scores as written, less '+' and leading zeros)", () => {
  const file = temp.file(CONTENT);
  const expected = '[{"score":100,"id":"c"},{"score":1e2,"id":"d"},{"score":7.50,"id":"a"},{"score":1.5,"id":"b"},'
    + '{"score":1E+00,"id":"g"},{"score":0.50,"id":"f"},{"score":0,"id":"e"},{"score":-2.5e-3,"id":"h"}]\n';
  for (const engine of ["wasm", "js"]) {
    for (const [operand, stdin] of [[file, undefined], ["-", CONTENT]] as const) {
      for (const count of ["3", "20"]) {
        const run = runCli([operand, count, "--decimal", "--compact", "--engine", engine], stdin);
        const want = count === "3" ? `${expected.split("},{").slice(0, 3).join("},{")}}]\n` : expected;
        expect({ engine, operand, count, ...run }).toEqual({ engine, operand, count, code: 0, stdout: want, stderr: "" });
      }
    }
  }
});

test("--lines and --records keep each winner's line and record as written", () => {
  for (const engine of ["wasm", "js"]) {
    expect(runCli(["-", "2", "--decimal", "--lines", "--engine", engine], CONTENT))
      .toEqual({ code: 0, stdout: '100: {"id":"c"}\n1e2: {"id":"d"}\n', stderr: "" });
    expect(runCli(["-", "1", "--decimal", "--lowest", "--records", "--compact", "--engine", engine], CONTENT))
      .toEqual({ code: 0, stdout: '[{"score":-2.5e-3,"id":"h","record":{"id":"h"}}]\n', stderr: "" });
  }
});

test("the library: decimal: true gives exact scores (bigint or printed text); a non-boolean is a usage error", async () => {
  const file = temp.file(CONTENT);
  for (const engine of ["wasm", "js"] as const) {
    const winners = await highest(file, 4, { decimal: true, engine });
    expect(winners.map((w) => [w.score, w.idJson])).toEqual([[100n, '"c"'], ["1e2", '"d"'], ["7.50", '"a"'], ["1.5", '"b"']]);
  }
  await expect(highest(file, 4, { decimal: "yes" as unknown as boolean })).rejects.toBeInstanceOf(HighestError);
  await expect(highest(file, 4)).rejects.toMatchObject({ kind: "data", message: expect.stringContaining("--decimal reads decimal scores") });
});
