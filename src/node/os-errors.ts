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
  EBADF: "Bad file descriptor",
};

/** Node's text of another OS error, "EXDEV: cross-device link not permitted, rename …", as "Cross-device link not permitted". */
function systemReason(code: string, message: string): string | undefined {
  const reason = message.startsWith(`${code}: `) ? message.slice(code.length + 2).split(",")[0] : "";
  return reason ? reason[0].toUpperCase() + reason.slice(1) : undefined;
}

/** An OS error as a one-line input/output error (exit 1), e.g. "data.file: No such file or directory". */
export function inputError(name: string, error: unknown): HighestError {
  if (error instanceof HighestError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const reason = (code && (OS_REASONS[code] ?? systemReason(code, message))) || message;
  return new HighestError("input", `${name}: ${reason}`);
}
