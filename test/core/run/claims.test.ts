// The run's board (src/core/run/claims.ts): claims in order across views of one board, the first
// failed unit, the stop flag and the helpers' progress.
import { Claims } from "../../../src/core/run/claims";

test("two participants over one board claim every unit once, in order, and only units they accept", () => {
  const board = new Claims(5);
  const view = new Claims(5, board.cells); // as a helper sees the board
  const all = () => true;
  expect(board.claim(1, all)).toBe(0);
  expect(view.claim(2, (k) => k !== 1)).toBe(2); // unit 1 is not for it: it never goes back for it
  expect(board.claim(1, all)).toBe(1);
  expect(board.claim(1, all)).toBe(3);
  expect(view.claim(2, all)).toBe(4);
  expect(board.claim(1, all)).toBe(-1);
  expect(view.claim(2, all)).toBe(-1);
  expect([board.ownsAny(1), board.ownsAny(2), board.ownsAny(3)]).toEqual([true, true, false]);
  expect([0, 1, 2, 3, 4].map((k) => view.owner(k))).toEqual([1, 1, 2, 1, 2]);
});

test("the first failed unit is the lowest noted, from any view; stop and the helpers' bytes are shared", () => {
  const board = new Claims(4);
  const view = new Claims(4, board.cells);
  expect(board.firstError()).toBe(4); // none yet: past the last unit
  view.noteError(2);
  board.noteError(3);
  expect(board.firstError()).toBe(2);
  board.noteError(1);
  expect(view.firstError()).toBe(1);
  expect(view.stopped()).toBe(false);
  board.stop();
  expect(view.stopped()).toBe(true);
  view.addHelperRead(3);
  expect(board.helpersRead()).toBe(3 * 1024);
});
