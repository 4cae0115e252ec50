// Node inputs: a path or standard input ("-"), read with positional reads straight into
// the engine's memory. Regular files can be re-read by offset; pipes, FIFOs and terminals
// cannot, so for them the engine keeps the bytes of the lines in its heap.
import * as fs from "node:fs";
import { HighestError } from "../core/errors";
import { ByteSource } from "../core/source";

const OS_REASONS: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  EMFILE: "Too many open files",
  EIO: "Input/output error",
  ENAMETOOLONG: "File name too long",
  ENOSPC: "No space left on device",
  EFBIG: "File too large",
};

/** An OS error as a one-line input/output error (exit 1), e.g. "data.file: No such file or directory". */
export function inputError(name: string, error: unknown): HighestError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = (code && OS_REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new HighestError("input", `${name}: ${reason}`);
}

/** Opens a path, or standard input for "-". */
export function openInput(file: string): ByteSource {
  const name = file === "-" ? "standard input" : file;
  let fd: number;
  try {
    fd = file === "-" ? 0 : fs.openSync(file, "r");
  } catch (error) {
    throw inputError(name, error);
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (error) {
    throw inputError(name, error);
  }
  if (stat.isDirectory()) throw inputError(name, Object.assign(new Error(), { code: "EISDIR" }));
  // Standard input is read from where it stands, even when it is a regular file (`{ read; highest -; } < f`):
  // positional reads would start at byte 0, so it is always read once, in order.
  return stat.isFile() && fd !== 0 ? new FileSource(fd, name, stat.size) : new PipeSource(fd, name);
}

/** A regular file: sequential reads by position, and re-reads by offset. */
export class FileSource implements ByteSource {
  private position = 0;
  constructor(readonly fd: number, readonly name: string, readonly size: number,
    private readonly end = Infinity) {}

  /** A source over the byte range [start, end) of the same file (for worker threads). */
  static range(fd: number, name: string, start: number, end: number): FileSource {
    const source = new FileSource(fd, name, end - start, end);
    source.position = start;
    return source;
  }

  read(target: Uint8Array): number {
    const wanted = Math.min(target.length, this.end - this.position);
    if (wanted <= 0) return 0;
    try {
      const n = fs.readSync(this.fd, target, 0, wanted, this.position);
      this.position += n;
      return n;
    } catch (error) {
      throw inputError(this.name, error);
    }
  }

  private slab = new Uint8Array(0);
  private slabUsed = 0;

  readAt(offset: number, length: number): Uint8Array {
    // Winners are re-read one by one: carve them out of a slab rather than allocate each.
    if (this.slabUsed + length > this.slab.length) {
      this.slab = new Uint8Array(Math.max(length, 1 << 20));
      this.slabUsed = 0;
    }
    const bytes = this.slab.subarray(this.slabUsed, this.slabUsed + length);
    this.slabUsed += length;
    let filled = 0;
    try {
      while (filled < length) {
        const n = fs.readSync(this.fd, bytes, filled, length - filled, offset + filled);
        if (n === 0) break;
        filled += n;
      }
    } catch (error) {
      throw inputError(this.name, error);
    }
    return bytes.subarray(0, filled);
  }

  close(): void {
    if (this.fd > 2) fs.closeSync(this.fd);
  }
}

/** A pipe, FIFO or terminal: read once, in order. */
export class PipeSource implements ByteSource {
  constructor(private readonly fd: number, private readonly name: string) {}

  async read(target: Uint8Array): Promise<number> {
    for (;;) {
      try {
        return fs.readSync(this.fd, target, 0, target.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EOF") return 0;
        // A non-blocking descriptor with nothing to read yet: wait a little, try again.
        if (code === "EAGAIN") { await new Promise((resolve) => setTimeout(resolve, 2)); continue; }
        throw inputError(this.name, error);
      }
    }
  }

  close(): void {
    if (this.fd > 2) fs.closeSync(this.fd);
  }
}
