// Tests that need something this machine may not have (Linux, /dev/full, root, another user)
// skip with the reason in their name instead of failing.

type TestFn = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/** `test` when `why` is undefined; otherwise `test.skip`, the reason appended to the name. */
export function testUnless(why: string | undefined): TestFn {
  if (why === undefined) return test;
  return (name, fn, timeout) => test.skip(`${name} [skipped: ${why}]`, fn, timeout);
}

export const onLinux = process.platform === "linux";
