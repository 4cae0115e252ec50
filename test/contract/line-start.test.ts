// Data errors end with the start of the offending line as a JSON string (SPEC: Errors and exit
// codes, issue 29 item 5): at most 40 characters of it, cut at a character (invalid UTF-8 as
// U+FFFD), `…` after the string when cut, and a byte-order mark named. The same message from
// both engines, a file, standard input, gzip, threads, --strict and the check of the winners.
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/index";
import { runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const ENGINES = ["wasm", "js"] as const;
const temp = tempFolder("highest-line-start-");

/** Every way of running `content`: both engines; a file, standard input, gzip; one thread and two over tiny segments. */
function expectMessage(content: string | Buffer, args: string[], message: string) {
  const bytes = Buffer.from(content);
  const file = temp.file(bytes);
  const gz = temp.file(zlib.gzipSync(bytes));
  const threaded = ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "64"];
  for (const engine of ENGINES) {
    const runs: Array<[string, string[], Buffer | undefined]> = [
      ["file", [file], undefined], ["stdin", ["-"], bytes], ["gzip", [gz], undefined], ["threads", [file, ...threaded], undefined],
    ];
    for (const [how, operands, stdin] of runs) {
      const run = runCli([...operands, ...args, "--engine", engine], stdin);
      expect({ engine, how, ...run }).toEqual({ engine, how, code: 2, stdout: "", stderr: `highest: ${message}\n` });
    }
  }
}

const GOOD = '1:{"id":"x"}\n'.repeat(20);

describe("framing errors end with the line's start", () => {
  test("a comment header: score is not an integer, and the line", () => {
    expectMessage("# comment header\n" + GOOD, ["5"], 'line 1: score is not an integer: "# comment header"');
  });
  test("a comma for a colon", () => {
    expectMessage(GOOD + '5,{"id":1}\n', ["5"], 'line 21: score is not an integer: "5,{\\"id\\":1}"');
  });
  test("no colon: the line without its \\r\\n ending", () => {
    expectMessage(GOOD + "12  \r\n" + GOOD, ["5"], "line 21: expected ':' after the score: \"12  \"");
  });
  test("a byte-order mark at the start is named, and shown escaped", () => {
    expectMessage('\ufeff5:{"id":1}\n' + GOOD, ["5"],
      'line 1: score is not an integer: the line starts with a byte-order mark (U+FEFF): "\\ufeff5:{\\"id\\":1}"');
  });
  test("a long line: its first 40 characters, then …", () => {
    expectMessage(GOOD + "x".repeat(39) + "yz" + "w".repeat(1000) + "\n", ["1"], `line 21: score is not an integer: "${"x".repeat(39)}y"…`);
  });
  test("exactly 40 characters: no …", () => {
    expectMessage(GOOD + "x".repeat(40) + "\n", ["1"], `line 21: score is not an integer: "${"x".repeat(40)}"`);
  });
  test("cut at a character, never inside one; invalid UTF-8 as U+FFFD; control characters escaped", () => {
    expectMessage(GOOD + "é".repeat(45) + "\n", ["1"], `line 21: score is not an integer: "${"é".repeat(40)}"…`);
    expectMessage(Buffer.concat([Buffer.from(GOOD + "a"), Buffer.from([0xff, 0x09, 0xe2, 0x82]), Buffer.from("b😀\n")]), ["1"],
      'line 21: score is not an integer: "a\ufffd\\t\ufffdb😀"');
  });
});

describe("record errors end with the line's start", () => {
  test("the winners' check: not valid JSON, no id", () => {
    expectMessage(GOOD + '9: {"id":1\n', ["1"], 'line 21: record is not valid JSON: "9: {\\"id\\":1"');
    expectMessage(GOOD + '9:{"name":"a"} \t\r\n', ["1"], 'line 21: record has no "id": "9:{\\"name\\":\\"a\\"} \\t"');
  });
  test("--strict: a record that does not win", () => {
    expectMessage(GOOD + '-9:[1,2]\n', ["1", "--strict"], 'line 21: record is not a JSON object: "-9:[1,2]"');
  });
  test("the library's error: the message and its detail end with it", async () => {
    const file = temp.file('3:{"id":1}\n# x\n');
    for (const engine of ENGINES) {
      const error = await highest(file, 1, { engine }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(HighestError);
      expect([(error as HighestError).line, (error as HighestError).message]).toEqual([2, 'line 2: score is not an integer: "# x"']);
    }
  });
});
