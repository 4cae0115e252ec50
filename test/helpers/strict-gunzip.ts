// The gzip oracle of the damage tests: Node's zlib decodes every member (CRC-32 and ISIZE of
// each checked), and nothing may follow the last member (zlib itself stops quietly at a zero
// byte after a member; SPEC: any bytes after the last member are damaged data). Also the
// members' layout, so that tests can aim at headers, deflate data, CRCs and lengths.
import * as zlib from "node:zlib";

/** The decompressed bytes, or why the file is not valid gzip. */
export type StrictGunzip = { ok: true; bytes: Buffer } | { ok: false; why: string };

export function strictGunzip(file: Uint8Array): StrictGunzip {
  try {
    const { buffer, engine } = zlib.gunzipSync(file, { info: true }) as unknown as { buffer: Buffer; engine: zlib.Gunzip };
    if (engine.bytesWritten !== file.length) return { ok: false, why: `${file.length - engine.bytesWritten} bytes after the last member` };
    return { ok: true, bytes: buffer };
  } catch (error) {
    return { ok: false, why: String((error as Error).message) };
  }
}

const FEXTRA = 4, FNAME = 8, FCOMMENT = 16, FHCRC = 2;

/** One member of a valid gzip file: where it starts, where its deflate data starts, where it ends. */
export interface Member { start: number; data: number; end: number }

/** The members of a valid gzip file (each decoded on its own with zlib's raw inflate to find its end). */
export function gzipMembers(file: Uint8Array): Member[] {
  const members: Member[] = [];
  let start = 0;
  while (start < file.length) {
    if (file[start] !== 0x1f || file[start + 1] !== 0x8b) throw new Error(`no gzip member at ${start}`);
    const flags = file[start + 3];
    let at = start + 10;
    if (flags & FEXTRA) at += 2 + (file[at] | (file[at + 1] << 8));
    if (flags & FNAME) at = file.indexOf(0, at) + 1;
    if (flags & FCOMMENT) at = file.indexOf(0, at) + 1;
    if (flags & FHCRC) at += 2;
    const { engine } = zlib.inflateRawSync(file.subarray(at), { info: true }) as unknown as { engine: zlib.InflateRaw };
    const end = at + engine.bytesWritten + 8; // CRC-32 and ISIZE follow the deflate data
    members.push({ start, data: at, end });
    start = end;
  }
  return members;
}
