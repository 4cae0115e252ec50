// Every row of SPEC's tables, through the built command, spawned as a user would run it,
// on both engines. Inputs go through a temp file and through standard input.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLI, runCli } from "../helpers/run-cli";
import { tempFolder } from "../helpers/temp-folder";

const ENGINES = ["wasm", "js"] as const;
const temp = tempFolder("highest-cli-");
const fileWith = (content: string | Uint8Array) => temp.file(content);

const compact = (items: Array<[string, string]>) =>
  `[${items.map(([score, id]) => `{"score":${score},"id":${id}}`).join(",")}]\n`;

/** Runs on a file and on stdin, with both engines; all four must agree. */
function runAll(content: string | Uint8Array, args: string[]) {
  const file = fileWith(content);
  const runs = ENGINES.flatMap((engine) => [
    runCli([file, ...args, "--engine", engine]),
    runCli(["-", ...args, "--engine", engine], content),
  ]);
  for (const run of runs.slice(1)) {
    expect(run).toEqual(runs[0]);
  }
  return runs[0];
}

function expectOk(content: string | Uint8Array, count: string, expected: string, extra: string[] = ["--compact"]) {
  const run = runAll(content, [count, ...extra]);
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe(expected);
  expect(run.code).toBe(0);
}

function expectDataError(content: string | Uint8Array, count: string, message: string, extra: string[] = []) {
  const run = runAll(content, [count, ...extra]);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(`highest: ${message}\n`);
  expect(run.code).toBe(2);
}

describe("input lines (SPEC: Input)", () => {
  test("empty and blank lines (spaces, tabs, \\r) are ignored", () => {
    expectOk('\n  \n\t\n \t \r\n5:{"id":"a"}\n\r\n', "5", compact([["5", '"a"']]));
  });
  test("spaces and tabs around the score and colon, and after the record", () => {
    expectOk(' \t +7 \t: \t{"id":"a"} \t\n', "1", compact([["7", '"a"']]));
  });
  test("\\r\\n endings and a \\r at the end of the file", () => {
    expectOk('1:{"id":"a"}\r\n2:{"id":"b"}\r', "2", compact([["2", '"b"'], ["1", '"a"']]));
  });
  test("the last line may have no newline", () => {
    expectOk('1:{"id":"a"}\n2:{"id":"b"}', "5", compact([["2", '"b"'], ["1", '"a"']]));
  });
  test("an empty file prints []", () => {
    expectOk("", "5", "[]\n");
  });
  test("optional + and -, leading zeros (007 is 7)", () => {
    expectOk('007:{"id":"a"}\n-3:{"id":"b"}\n+5:{"id":"c"}\n', "3", compact([["7", '"a"'], ["5", '"c"'], ["-3", '"b"']]));
  });
  test("-0 prints as 0", () => {
    expectOk('-0:{"id":"a"}\n-000:{"id":"b"}\n', "2", compact([["0", '"a"'], ["0", '"b"']]));
  });
  test("scores beyond 2^53 and beyond 64 bits are compared and printed exactly", () => {
    const lines = [
      '9007199254740993:{"id":"a"}',
      '9007199254740992:{"id":"b"}',
      '18446744073709551617:{"id":"c"}',
      '18446744073709551616:{"id":"d"}',
      '-99999999999999999999999999999999999999:{"id":"e"}',
      '999999999999999999:{"id":"f"}',
      '1000000000000000000:{"id":"g"}',
      '-1000000000000000000:{"id":"h"}',
      '-999999999999999999:{"id":"i"}',
    ];
    expectOk(lines.join("\n"), "9", compact([
      ["18446744073709551617", '"c"'], ["18446744073709551616", '"d"'], ["1000000000000000000", '"g"'],
      ["999999999999999999", '"f"'], ["9007199254740993", '"a"'], ["9007199254740992", '"b"'],
      ["-999999999999999999", '"i"'], ["-1000000000000000000", '"h"'],
      ["-99999999999999999999999999999999999999", '"e"'],
    ]));
  });
  test("equal scores: the earlier line ranks higher", () => {
    expectOk('5:{"id":"a"}\n5:{"id":"b"}\n6:{"id":"c"}\n5:{"id":"d"}\n', "3", compact([["6", '"c"'], ["5", '"a"'], ["5", '"b"']]));
    expectOk('12345678901234567890123:{"id":"a"}\n12345678901234567890123:{"id":"b"}\n', "1", compact([["12345678901234567890123", '"a"']]));
  });
  test("the record is the rest of the line after the first colon", () => {
    expectOk('1:{"id":"a:b","x":"1:2"}\n', "1", compact([["1", '"a:b"']]));
  });
  test("id as a string or a number, printed exactly as written", () => {
    expectOk('2:{"id":123456789012345678901234567890}\n1:{"x":1, "id" : "\\u0041\\n" }\n3:{"id":-1.5e3}\n', "3",
      compact([["3", "-1.5e3"], ["2", "123456789012345678901234567890"], ["1", '"\\u0041\\n"']]));
  });
  for (const [name, line] of [
    ["12.5", '12.5:{"id":"a"}'], ["1e5", '1e5:{"id":"a"}'], ["0x10", '0x10:{"id":"a"}'],
    ["12abc", '12abc:{"id":"a"}'], ["an empty score", ':{"id":"a"}'], ["a sign alone", '-:{"id":"a"}'],
    ["a word", "hello"], ["a \\r before the score", ' \r5:{"id":"a"}'],
  ] as const) {
    test(`invalid score: ${name}`, () => {
      // A decimal score (12.5, 1e5) is invalid without --decimal, and the message says so.
      const hint = name === "12.5" || name === "1e5" ? " (--decimal reads decimal scores)" : "";
      expectDataError(`1:{"id":"x"}\n\n${line}\n2:{"id":"y"}\n`, "5", `line 3: score is not an integer${hint}: ${JSON.stringify(line)}`);
    });
  }
  test("a line of only spaces, tabs and \\r (anywhere) is blank", () => {
    expectOk('1:{"id":"x"}\n \r \n\r\r\n\t\r\n\r\n2:{"id":"y"}\r\n \r', "1", compact([["2", '"y"']]));
  });
  test("a score with no colon", () => {
    expectDataError('1:{"id":"x"}\n12 {"id":"a"}\n', "5", `line 2: expected ':' after the score: "12 {\\"id\\":\\"a\\"}"`);
    expectDataError('1:{"id":"x"}\n12\n', "5", "line 2: expected ':' after the score: \"12\"");
  });
});

describe("what is validated (SPEC: What is validated)", () => {
  const invalidRecords: Array<[string, string]> = [
    ["not JSON", "record is not valid JSON"],
    ["", "record is not valid JSON"],
    ['{"id":"a"', "record is not valid JSON"],
    ["[1,2]", "record is not a JSON object"],
    ['"id"', "record is not a JSON object"],
    ['{"name":"a"}', 'record has no "id"'],
    ['{"id":null}', "id is not a string or a number"],
    ['{"id":true}', "id is not a string or a number"],
    ['{"id":{"a":1}}', "id is not a string or a number"],
    ['{"id":[1]}', "id is not a string or a number"],
    ['{"inner":{"id":1}}', 'record has no "id"'],
    ['{"id":1,"id":2}', 'record has more than one "id"'],
  ];
  for (const [record, message] of invalidRecords) {
    test(`a winner whose record is ${JSON.stringify(record)}: ${message}`, () => {
      expectDataError(`1:{"id":"a"}\n9:${record}\n2:{"id":"b"}\n`, "2", `line 2: ${message}: ${JSON.stringify(`9:${record}`)}`);
    });
  }
  test("a record that is not valid UTF-8 is invalid", () => {
    const bytes = Buffer.concat([Buffer.from('1:{"id":"a"}\n9:{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    expectDataError(bytes, "1", 'line 2: record is not valid UTF-8: "9:{\\"id\\":\\"\ufffd\ufffd\\"}"');
  });
  test("records that do not make the top N are not parsed", () => {
    expectOk('9:{"id":"a"}\n1:not json at all\n', "1", compact([["9", '"a"']]));
  });
  test("--strict checks every record", () => {
    expectDataError('9:{"id":"a"}\n1:not json at all\n', "1", 'line 2: record is not valid JSON: "1:not json at all"', ["--strict"]);
  });
  test("the whole input is read whatever the count: a framing error anywhere is found, also with count 0", () => {
    expectDataError('9:{"id":"a"}\n'.repeat(50) + "oops\n", "0", 'line 51: score is not an integer: "oops"');
  });
  test("several invalid lines: the first invalid framing wins over an earlier invalid record", () => {
    expectDataError('9:not json\n5:{"id":"a"}\nbad line\n', "1", 'line 3: score is not an integer: "bad line"');
    expectDataError('9:not json\n5:{"id":"a"}\nbad line\n', "1", 'line 3: score is not an integer: "bad line"', ["--strict"]);
  });
  test("several invalid records among the winners: the first in file order", () => {
    expectDataError('1:{"id":"a"}\n5:[]\n9:{}\n', "3", 'line 2: record is not a JSON object: "5:[]"');
  });
  test("--strict: the first invalid record in file order, winners or not", () => {
    expectDataError('1:{"id":"a"}\n2:{}\n9:[]\n', "1", 'line 2: record has no "id": "2:{}"', ["--strict"]);
  });
});

describe("command line (SPEC: Command line)", () => {
  const data = '1:{"id":"a"}\n3:{"id":"c"}\n2:{"id":"b"}\n';
  test("count 0 prints []", () => { expectOk(data, "0", "[]\n", []); });
  test("a count larger than the records prints all of them", () => {
    expectOk(data, "100000000000000000000000000000", compact([["3", '"c"'], ["2", '"b"'], ["1", '"a"']]));
  });
  test("a count with leading zeros is decimal", () => { expectOk(data, "002", compact([["3", '"c"'], ["2", '"b"']])); });
  test("options may stand before or after the arguments", () => {
    const file = fileWith(data);
    const expected = compact([["3", '"c"']]);
    for (const args of [["--compact", file, "1"], [file, "--compact", "1"], [file, "1", "--compact"]]) {
      expect(runCli(args)).toEqual({ code: 0, stdout: expected, stderr: "" });
    }
  });
  test("pretty output is laid out as JSON.stringify(value, null, 2)", () => {
    const run = runCli([fileWith(data), "2"]);
    const expected = JSON.stringify([{ score: 3, id: "c" }, { score: 2, id: "b" }], null, 2) + "\n";
    expect(run).toEqual({ code: 0, stdout: expected, stderr: "" });
  });
  test("-h and --help print usage on stdout", () => {
    for (const flag of ["-h", "--help"]) {
      const run = runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: highest \[options\] <input>\.\.\. <count>/);
      expect(run.stderr).toBe("");
    }
  });
  test("-V and --version print the version", () => {
    const version = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    for (const flag of ["-V", "--version"]) expect(runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
  const usageErrors: Array<[string, string[], RegExp]> = [
    ["no arguments", [], /^highest: missing <input> and <count>/],
    ["a missing count", ["FILE"], /^highest: missing <count>/],
    ["a last argument that is not a count", ["FILE", "FILE"], /^highest: count must be a non-negative integer, not '/],
    ["a mistyped option", ["FILE", "1", "--compat"], /^highest: unknown option '--compat' \(did you mean --compact\?\)$/],
    ["--lines with --locations", ["FILE", "1", "--lines", "--locations"], /^highest: --lines and --locations cannot be used together/],
    ["standard input twice", ["-", "-", "1"], /^highest: standard input \('-'\) can be named only once/],
    ["--shard with standard input", ["-", "1", "--shard", "0/2"], /^highest: --shard cannot split standard input/],
    ["a bad --shard", ["FILE", "1", "--shard", "2/2"], /^highest: --shard must be I\/K/],
    ["a negative count", ["FILE", "--", "-1"], /^highest: count must be a non-negative integer, not '-1'$/],
    ["a fractional count", ["FILE", "1.5"], /^highest: count must be a non-negative integer, not '1.5'$/],
    ["a count that is not a number", ["FILE", "ten"], /^highest: count must be a non-negative integer, not 'ten'$/],
    ["an empty count", ["FILE", ""], /^highest: count must be a non-negative integer, not ''$/],
    ["an unknown option", ["FILE", "1", "--fast"], /^highest: unknown option '--fast'/],
    ["an unknown engine", ["FILE", "1", "--engine", "gpu"], /^highest: .*'gpu'.*/],
  ];
  // Issue 29 item 6: the usage errors a user meets in the first minutes say what to type instead.
  const suggestions: Array<[string, string[], string]> = [
    ["--compat (one edit away)", ["--compat"], "highest: unknown option '--compat' (did you mean --compact?)\n"],
    ["--Stirct (two edits away)", ["--Stirct"], "highest: unknown option '--Stirct' (did you mean --strict?)\n"],
    ["--thread=2 (its value given)", ["--thread=2"], "highest: unknown option '--thread' (did you mean --threads?)\n"],
    ["--no-progres", ["--no-progres"], "highest: unknown option '--no-progres' (did you mean --no-progress?)\n"],
    ["--loc (a prefix)", ["--loc"], "highest: unknown option '--loc' (did you mean --locations?)\n"],
    ["--li (a prefix of --lines, one edit from none)", ["--li"], "highest: unknown option '--li' (did you mean --lines?)\n"],
    ["--l (a prefix of three)", ["--l"], "highest: unknown option '--l' (did you mean --lines, --locations or --lowest?)\n"],
    ["-compact (one dash)", ["-compact"], "highest: unknown option '-c' (did you mean --compact?)\n"],
    ["--fast (nothing close)", ["--fast"], "highest: unknown option '--fast' (see --help)\n"],
    ["--segment (a test knob is never suggested)", ["--segment"], "highest: unknown option '--segment' (see --help)\n"],
  ];
  for (const [name, option, stderr] of suggestions) {
    test(`an unknown option close to a known one is answered with it: ${name}`, () => {
      expect(runCli([fileWith(data), "1", ...option])).toEqual({ code: 1, stdout: "", stderr });
    });
  }
  test("a count first and an input last: the message says the count goes last", () => {
    const file = fileWith(data);
    expect(runCli(["10", file])).toEqual({
      code: 1, stdout: "",
      stderr: `highest: count must be a non-negative integer, not '${file}' (the count goes last: highest [options] <input>... <count>)\n`,
    });
    // Only when the first argument looks like a count: a last argument that is no count says only that.
    expect(runCli([file, "ten"]).stderr).toBe("highest: count must be a non-negative integer, not 'ten'\n");
  });
  test("--compact with --lines is a usage error (--lines prints no JSON to compact)", () => {
    expect(runCli([fileWith(data), "1", "--lines", "--compact"])).toEqual({
      code: 1, stdout: "", stderr: "highest: --compact has no effect with --lines (see --help)\n",
    });
  });
  test("--help shows an example, what the output holds, what is validated, and docs/SPEC.md by its path", () => {
    const help = runCli(["--help"]).stdout;
    expect(help).toMatch(/\nExample:\n {2}\$ highest runs\/ 2 --compact\n {2}\[\{"score":9981,"id":"r-17"\},\{"score":9975,"id":"r-4"\}\]\n/);
    expect(help).toMatch(/\nOutput: a JSON array of the <count> best records, highest score first/);
    expect(help.replace(/\s+/g, " ")).toMatch(/only the winners' records are validated as JSON.* unless --strict is given/);
    const spec = /\nThe contract \(input, output, errors, every decision\): (\S+)\n/.exec(help)?.[1];
    expect(spec).toBe(path.resolve(__dirname, "..", "..", "docs", "SPEC.md"));
    expect(fs.existsSync(spec!)).toBe(true);
    expect(help.split("\n").every((line) => line.length <= 100)).toBe(true);
  });
  for (const [name, args, message] of usageErrors) {
    test(`usage error: ${name} exits 1`, () => {
      const file = fileWith(data);
      const run = runCli(args.map((a) => (a === "FILE" ? file : a)));
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd()).toMatch(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }
  test("an input that cannot be opened exits 1 with the reason; an empty directory is no input", () => {
    const missing = path.join(temp.path, "missing.data");
    expect(runCli([missing, "1"])).toEqual({ code: 1, stdout: "", stderr: `highest: ${missing}: No such file or directory\n` });
    const empty = fs.mkdtempSync(path.join(temp.path, "empty-"));
    expect(runCli([empty, "1"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" }); // a directory is its files: none here
  });
  test("standard error stays empty on success", () => {
    expect(runCli([fileWith(data), "1", "--compact"]).stderr).toBe("");
  });
});

// Issue 16, item 3 (d): every message is one line in the usual form.
describe("messages stay one line in the usual form", () => {
  const record = '5:{"id":1}\n';
  for (const engine of ENGINES) {
    test(`a path holding a newline or an escape is named with JSON's escapes (${engine})`, () => {
      const folder = fs.mkdtempSync(path.join(temp.path, "names-"));
      const missing = path.join(folder, "x\ny");
      expect(runCli([missing, "1", "--engine", engine])).toEqual({
        code: 1, stdout: "", stderr: `highest: ${folder}/x\\ny: No such file or directory\n`,
      });
      const bad = path.join(folder, "a\tb\u001b[2J");
      fs.writeFileSync(bad, `${record}not a record\n`);
      expect(runCli([bad, fileWith(record), "1", "--engine", engine])).toEqual({
        code: 2, stdout: "", stderr: `highest: ${folder}/a\\tb\\u001b[2J: line 2: score is not an integer: "not a record"\n`,
      });
      // --locations keeps the name itself (JSON escapes it there).
      fs.writeFileSync(bad, record);
      const run = runCli([bad, "1", "--locations", "--compact", "--engine", engine]);
      expect(JSON.parse(run.stdout)).toEqual([{ score: 5, id: 1, input: bad, line: 1 }]);
    });
  }

  test("--compact=yes: the option takes no value", () => {
    expect(runCli([fileWith(record), "1", "--compact=yes"])).toEqual({
      code: 1, stdout: "", stderr: "highest: option '--compact' takes no value (see --help)\n",
    });
    expect(runCli([fileWith(record), "1", "--shard"]).stderr).toBe("highest: option '--shard' needs a value (see --help)\n");
  });

  test("a standard output opened read-only: the OS reason, as for other OS errors, exit 1", () => {
    const readOnly = fs.openSync("/dev/null", "r");
    try {
      const run = spawnSync(process.execPath, [CLI, fileWith(record), "1"], { stdio: ["ignore", readOnly, "pipe"] });
      expect({ code: run.status, stderr: run.stderr.toString() }).toEqual({ code: 1, stderr: "highest: standard output: Bad file descriptor\n" });
    } finally {
      fs.closeSync(readOnly);
    }
  });
});
