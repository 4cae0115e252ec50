// The one place a decoder is picked for compressed bytes read in order: the core's inflate for
// gzip (gzip-source.ts), its zstd decoder for zstd (zstd-source.ts).
import type { ReadCompression } from "./compression";
import { GzipOptions, GzipSource } from "./gzip-source";
import type { InflateExports } from "./inflate-core";
import { ByteSource } from "./source";
import { zstdCore } from "./zstd-core";
import { ZstdSource } from "./zstd-source";

/**
 * The decoded bytes of `compressed` (whose first bytes, read already, may be `head`); gzip's
 * decode may also note index points (`recorder`, for --write-index).
 */
export async function decodedSource(
  format: ReadCompression, core: () => Promise<InflateExports>, compressed: ByteSource, name: string,
  options: Pick<GzipOptions, "head" | "recorder"> = {},
): Promise<ByteSource> {
  if (format === "zstd") return new ZstdSource(zstdCore(await core()), compressed, name, options.head);
  return new GzipSource(await core(), compressed, name, options);
}
