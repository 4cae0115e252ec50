// OS errors as one-line input errors (exit 1): "runs/c.data: Permission denied".
import { HighestError } from "../core/model/errors";

const OS_REASONS: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  EMFILE: "Too many open files",
  ENFILE: "Too many open files in system",
  EIO: "Input/output error",
  ENAMETOOLONG: "File name too long",
  ENOSPC: "No space left on device",
  EFBIG: "File too large",
  ENXIO: "No such device or address",
};

/** An OS error as a one-line input/output error (exit 1), e.g. "data.file: No such file or directory". */
export function inputError(name: string, error: unknown): HighestError {
  if (error instanceof HighestError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = (code && OS_REASONS[code]) ?? (error instanceof Error ? error.message.split("\n")[0] : String(error));
  return new HighestError("input", `${name}: ${reason}`);
}
