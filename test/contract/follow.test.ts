// Symbolic links inside directories (issue 29 item 1, SPEC "Command line"): left out by default,
// followed with -L/--follow (to files and to directories, each directory entered once by device
// and inode, so a cycle of links ends; files in byte order of the paths as found), and one
// warning line on standard error when the inputs expand to no file while entries were left out.
// Through the spawned CLI and through the Node library (`follow: true`).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { HighestError, highest } from "../../src/node/index";
import { CLI } from "../helpers/run-cli";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

const temp = tempFolder("highest-follow-");
const at = (name: string) => path.join(temp.path, name);
const lines = (...items: string[]) => items.map((line) => `${line}\n`).join("");
/** Runs the CLI in the temporary folder, so paths are shown as a user typed them. */
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: temp.path, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  const write = (name: string, text: string) => { fs.mkdirSync(path.dirname(at(name)), { recursive: true }); fs.writeFileSync(at(name), text); };
  // The staging area of a cluster: a folder of links to files and folders kept elsewhere.
  write("store/a.data", lines('5:{"id":"a"}', '9:{"id":"a9"}'));
  write("store/b.data", lines('7:{"id":"b"}'));
  write("store/sub/c.data", lines('8:{"id":"c"}'));
  fs.mkdirSync(at("links"));
  fs.symlinkSync("../store/b.data", at("links/2-b"));
  fs.symlinkSync("../store/a.data", at("links/1-a"));
  fs.symlinkSync("../store/sub", at("links/3-sub"));
  // Cycles: a link to the folder itself, and one from a subfolder back up to it.
  write("cycle/f.data", lines('1:{"id":"f"}'));
  write("cycle/deeper/g.data", lines('2:{"id":"g"}'));
  fs.symlinkSync(".", at("cycle/self"));
  fs.symlinkSync("..", at("cycle/deeper/up"));
  // One folder reached through a link and by its own name: entered once, by the first name in byte order.
  write("twice/real/r.data", lines('3:{"id":"r"}'));
  fs.symlinkSync("real", at("twice/alias"));
  // Only a broken link, a dot-name; a mix of what is left out.
  fs.mkdirSync(at("broken"));
  fs.symlinkSync("nowhere", at("broken/gone"));
  write("dots/.hidden", lines('1:{"id":1}'));
  write("mixed/.x/f", lines('1:{"id":1}'));
  fs.symlinkSync("../store/a.data", at("mixed/l1"));
  fs.symlinkSync("../store/b.data", at("mixed/l2"));
  if (onLinux) spawnSync("mkfifo", [at("mixed/fifo")]);
  fs.mkdirSync(at("empty"));
});

describe("links inside directories without --follow", () => {
  test("a folder of links ranks as [] with one warning line that names --follow; exit 0", () => {
    expect(cli(["links/", "5"])).toEqual({
      code: 0, stdout: "[]\n",
      stderr: "highest: warning: no input files: links/ holds 3 symbolic links (--follow follows them)\n",
    });
  });

  testUnless(onLinux ? undefined : "mkfifo needs Linux")("the warning counts each kind left out, for each directory", () => {
    expect(cli(["--lines", "mixed", "dots", "empty", "5"])).toEqual({
      code: 0, stdout: "",
      stderr: "highest: warning: no input files: mixed holds 2 symbolic links, 1 special file (FIFO, socket or device)"
        + " and 1 name starting with '.'; dots holds 1 name starting with '.' (--follow follows them)\n",
    });
  });

  test("no warning when nothing was left out (an empty folder) or when any file was found", () => {
    expect(cli(["empty", "5"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
    expect(cli(["--compact", "links", "store/b.data", "5"])).toEqual({ code: 0, stdout: '[{"score":7,"id":"b"}]\n', stderr: "" });
  });

  test("--follow is not named when no link was left out", () => {
    expect(cli(["dots", "5"])).toEqual({ code: 0, stdout: "[]\n", stderr: "highest: warning: no input files: dots holds 1 name starting with '.'\n" });
  });
});

describe("-L / --follow", () => {
  test("follows links to files and folders; files in byte order of the paths as found", () => {
    const want = '[{"score":9,"id":"a9","input":"links/1-a","line":2},{"score":8,"id":"c","input":"links/3-sub/c.data","line":1},'
      + '{"score":7,"id":"b","input":"links/2-b","line":1},{"score":5,"id":"a","input":"links/1-a","line":1}]\n';
    for (const flag of ["-L", "--follow"]) {
      expect(cli([flag, "--compact", "--locations", "links", "10"])).toEqual({ code: 0, stdout: want, stderr: "" });
    }
  });

  test("a cycle of links ends: each folder is entered once", () => {
    const r = cli(["--follow", "--compact", "--locations", "cycle", "10"]);
    expect(r).toEqual({
      code: 0, stderr: "",
      stdout: '[{"score":2,"id":"g","input":"cycle/deeper/g.data","line":1},{"score":1,"id":"f","input":"cycle/f.data","line":1}]\n',
    });
  });

  test("a folder reached by a link and by its name is entered once, under the name first in byte order", () => {
    expect(cli(["-L", "--compact", "--locations", "twice", "10"])).toEqual({
      code: 0, stderr: "", stdout: '[{"score":3,"id":"r","input":"twice/alias/r.data","line":1}]\n',
    });
  });

  test("a broken link is left out and counted; the warning does not name --follow", () => {
    expect(cli(["-L", "broken", "5"])).toEqual({
      code: 0, stdout: "[]\n", stderr: "highest: warning: no input files: broken holds 1 broken symbolic link\n",
    });
  });
});

describe("the Node library: follow", () => {
  test("follow: true follows links; without it the links are left out, with a process warning", async () => {
    const followed = await highest(at("links"), 10, { follow: true });
    expect(followed.map((w) => [w.id, path.relative(temp.path, w.input!)])).toEqual([
      ["a9", "links/1-a"], ["c", "links/3-sub/c.data"], ["b", "links/2-b"], ["a", "links/1-a"]]);
    const emitWarning = jest.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      expect(await highest(at("links"), 10)).toEqual([]);
      expect(emitWarning.mock.calls).toEqual([[
        `no input files: ${at("links")} holds 3 symbolic links (follow: true follows them)`, { code: "HIGHEST_NO_INPUT_FILES" }]]);
    } finally {
      emitWarning.mockRestore();
    }
  });

  test("follow must be true or false", async () => {
    const error = await highest(at("links"), 1, { follow: "yes" as unknown as boolean }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HighestError);
    expect((error as HighestError).message).toBe('follow must be true or false, not "yes"');
  });
});
