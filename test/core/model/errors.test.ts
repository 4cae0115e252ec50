// model/errors.ts: a HighestError's one-line message and exit code, and errors as plain data across threads.
import fc from "fast-check";
import {
  ErrorKind, HighestError, abortError, asHighestError, dataError, fromErrorData, toErrorData,
} from "../../../src/core/model/errors";

describe("HighestError", () => {
  test("its message is input, 'line N' and detail joined by ': ', each part only when given", () => {
    expect(new HighestError("data", "bad", 7, "a.txt").message).toBe("a.txt: line 7: bad");
    expect(new HighestError("data", "bad", 7).message).toBe("line 7: bad");
    expect(new HighestError("input", "gone", undefined, "b").message).toBe("b: gone");
    expect(new HighestError("usage", "no").message).toBe("no");
    const error = new HighestError("data", "bad", 0, "x");
    expect([error.line, error.input, error.detail, error.name]).toEqual([0, "x", "bad", "HighestError"]);
    expect([new HighestError("usage", "no").line, new HighestError("usage", "no").input]).toEqual([undefined, undefined]);
  });

  test("the exit code SPEC gives each kind", () => {
    const codes: Record<ErrorKind, number> = { usage: 1, input: 1, data: 2, internal: 3, aborted: 130 };
    for (const kind of Object.keys(codes) as ErrorKind[]) expect([kind, new HighestError(kind, "x").exitCode]).toEqual([kind, codes[kind]]);
  });

  test("control characters in the detail and the input are written as JSON escapes, so a message is one line", () => {
    const error = new HighestError("input", "a\nb\tc\u001bd\u007fe\u0085f", undefined, "dir/\nname");
    expect(error.detail).toBe("a\\nb\\tc\\u001bd\\u007fe\\u0085f");
    expect(error.input).toBe("dir/\\nname");
    expect(error.message).toBe("dir/\\nname: a\\nb\\tc\\u001bd\\u007fe\\u0085f");
  });

  test("property: the detail has no control character, reads back as the text through JSON, and escaping twice changes nothing", () => {
    // Text without '\\' and '"', so that the escaped detail is the inside of a JSON string.
    const text = fc.string({ unit: fc.integer({ min: 0, max: 0x2ff }).filter((c) => c !== 0x5c && c !== 0x22).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(text, (raw) => {
      const detail = new HighestError("data", raw).detail;
      expect(/[\u0000-\u001f\u007f-\u009f]/.test(detail)).toBe(false);
      expect(JSON.parse(`"${detail}"`)).toBe(raw);
      expect(new HighestError("data", detail).detail).toBe(detail);
    }));
  });
});

describe("ErrorData", () => {
  test("toErrorData and fromErrorData keep kind, detail, line and input; a given line replaces the data's", () => {
    const data = toErrorData(new HighestError("data", "bad\nx", 3, "f"));
    expect(data).toEqual({ kind: "data", detail: "bad\\nx", line: 3, input: "f" });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data); // plain data: survives a structured copy
    const back = fromErrorData(data);
    expect(back).toBeInstanceOf(HighestError);
    expect([back.kind, back.detail, back.line, back.input, back.message]).toEqual(["data", "bad\\nx", 3, "f", "f: line 3: bad\\nx"]);
    expect(fromErrorData(data, 103).message).toBe("f: line 103: bad\\nx");
    expect(toErrorData(new HighestError("usage", "u"))).toEqual({ kind: "usage", detail: "u" });
  });

  test("toErrorData of something that is not a HighestError is an internal error", () => {
    expect(toErrorData(new TypeError("boom"))).toEqual({ kind: "internal", detail: "internal error: boom" });
  });
});

describe("asHighestError", () => {
  test("a HighestError is itself; an AbortError is 'aborted'; anything else is internal, with its first line", () => {
    const own = new HighestError("input", "x");
    expect(asHighestError(own)).toBe(own);
    const abort = new Error("The operation was aborted");
    abort.name = "AbortError";
    expect([asHighestError(abort).kind, asHighestError(abort).exitCode]).toEqual(["aborted", 130]);
    const internal = asHighestError(new RangeError("first line\n    at stack"));
    expect([internal.kind, internal.message, internal.exitCode]).toEqual(["internal", "internal error: first line", 3]);
    expect(asHighestError("a string\nmore").message).toBe("internal error: a string");
    expect(asHighestError(undefined).message).toBe("internal error: undefined");
  });
});

test("dataError is a data error on a line (exit 2); abortError is 'aborted' (exit 130)", () => {
  const data = dataError(42, "score is not an integer");
  expect([data.kind, data.line, data.message, data.exitCode]).toEqual(["data", 42, "line 42: score is not an integer", 2]);
  const aborted = abortError();
  expect([aborted.kind, aborted.message, aborted.exitCode]).toEqual(["aborted", "aborted", 130]);
});
