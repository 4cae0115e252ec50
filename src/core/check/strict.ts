// --strict: checks every record's JSON and id, not only the winners'. It remembers the first
// invalid record and lets the scan go on, because a framing error further down still
// takes precedence (SPEC: the first invalid framing, else the first invalid record). The fault
// reaches the ranking as the winners' faults do: in the participant's check store (store.ts).
import { LineVisitor } from "../scan/line-buffer";
import { Framing, isBlankLine } from "./framing";
import { recordProblem } from "./record";
import { PlacedFault } from "../model/faults";
import { withLineStart } from "../model/line-start";

const framing = new Framing();

/** A visitor for scanSource that records the first invalid record of unit `unit`. */
export class StrictChecker {
  firstFault: PlacedFault | undefined;

  constructor(private readonly unit: number) {}

  readonly visit: LineVisitor = (view, start, end, firstLine) => {
    if (this.firstFault) return;
    let line = firstLine;
    for (let p = start; p < end; line++) {
      let newline = view.indexOf(10, p);
      if (newline < 0 || newline >= end) newline = end;
      let lineEnd = newline;
      if (lineEnd > p && view[lineEnd - 1] === 13) lineEnd--;
      const from = p;
      p = newline + 1;
      if (isBlankLine(view, from, lineEnd)) continue;
      if (!framing.read(view, from, lineEnd)) return; // the scan reports the framing error
      const problem = recordProblem(view, framing.recordStart, lineEnd);
      if (problem !== null) {
        this.firstFault = { unit: this.unit, line, problem: withLineStart(problem, view, from, lineEnd) };
        return;
      }
    }
  };
}
