// Progress (issue 19): an input's own bytes are counted, compressed ones for gzip, against a total
// made of the inputs' sizes; so a run over plain and gzip files ends at 100%, never past it and
// never without a total.
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { Progress, highest } from "../../src/node/index";
import { tempFolder } from "../helpers/temp-folder";

const temp = tempFolder("progress-");
const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i}: {"id":"r${from + i}","pad":"${"x".repeat(i % 90)}"}\n`).join("");

describe.each(["wasm", "js"] as const)("progress (%s)", (engine) => {
  test("a plain file and a gzip file (two members): a total of both sizes, reached exactly at the end", async () => {
    const plain = temp.file(lines(3000, 0), `plain-${engine}.data`);
    const gz = temp.file(Buffer.concat([zlib.gzipSync(lines(20000, 5000)), zlib.gzipSync(lines(20000, 30000))]), `b-${engine}.data.gz`);
    const total = fs.statSync(plain).size + fs.statSync(gz).size;
    const seen: Progress[] = [];
    const winners = await highest([plain, gz], 3, { engine, chunkSize: 4096, onProgress: (progress) => seen.push({ ...progress }) });
    expect(winners.map((w) => w.score)).toEqual([49999n, 49998n, 49997n]);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((progress) => progress.totalBytes === total)).toBe(true);
    expect(seen.every((progress, i) => i === 0 || progress.bytesRead >= seen[i - 1].bytesRead)).toBe(true);
    expect(Math.max(...seen.map((progress) => progress.bytesRead))).toBe(total);
  });
});
