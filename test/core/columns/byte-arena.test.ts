// columns/byte-arena.ts: pieces appended back to back into one growing array.
import fc from "fast-check";
import { ByteArena } from "../../../src/core/columns/byte-arena";

test("append returns where each piece starts; bytes() is the pieces back to back", () => {
  const arena = new ByteArena();
  const source = Uint8Array.from({ length: 200 }, (_, i) => i);
  expect(arena.append(source, 5, 8)).toBe(0);
  expect(arena.append(source, 0, 0)).toBe(3);
  expect(arena.append(source, 100, 180)).toBe(3); // 80 bytes: the long path
  expect([...arena.bytes()]).toEqual([5, 6, 7, ...source.subarray(100, 180)]);
});

test("growing past its first buffer keeps what was appended", () => {
  const arena = new ByteArena();
  const piece = Uint8Array.from({ length: 3000 }, (_, i) => i % 251);
  expect([arena.append(piece, 0, 3000), arena.append(piece, 0, 3000), arena.append(piece, 10, 20)]).toEqual([0, 3000, 6000]);
  const bytes = arena.bytes();
  expect(bytes.length).toBe(6010);
  expect(Buffer.from(bytes.subarray(0, 3000)).equals(Buffer.from(piece))).toBe(true);
  expect(Buffer.from(bytes.subarray(3000, 6000)).equals(Buffer.from(piece))).toBe(true);
  expect([...bytes.subarray(6000)]).toEqual([...piece.subarray(10, 20)]);
});

test("property: any pieces, short and long, read back at the positions append gave", () => {
  fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 60 }), (pieces) => {
    const arena = new ByteArena();
    const starts = pieces.map((piece) => arena.append(piece, 0, piece.length));
    const bytes = arena.bytes();
    expect(bytes.length).toBe(pieces.reduce((sum, piece) => sum + piece.length, 0));
    pieces.forEach((piece, i) => expect(Buffer.from(bytes.subarray(starts[i], starts[i] + piece.length)).equals(Buffer.from(piece))).toBe(true));
  }));
});
