import { highest } from "../src/node/index";

test("smoke", async () => {
  const bytes = new TextEncoder().encode('5:{"id":"a"}\n7:{"id":"b"}\n');
  const winners = await highest(bytes, 1);
  expect(winners.map((w) => w.idJson)).toEqual(['"b"']);
});
