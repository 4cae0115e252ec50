// The one place a decoder is picked for compressed bytes read in order: the core's inflate for
// gzip (gzip-source.ts), its zstd decoder for zstd (zstd-source.ts).
import type { ReadCompression } from "./compression";
import { GzipSource } from "./gzip-source";
import type { InflateExports } from "./inflate-core";
import { ByteSource } from "./source";
import { zstdCore } from "./zstd-core";
import { ZstdSource } from "./zstd-source";

/** The decoded bytes of `compressed` (whose first bytes, read already, may be `head`). */
export async function decodedSource(format: ReadCompression, core: () => Promise<InflateExports>, compressed: ByteSource, name: string, head?: Uint8Array): Promise<ByteSource> {
  if (format === "zstd") return new ZstdSource(zstdCore(await core()), compressed, name, head);
  return new GzipSource(await core(), compressed, name, { head });
}
