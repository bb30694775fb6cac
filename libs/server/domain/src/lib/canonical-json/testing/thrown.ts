/** Runs `fn` and returns what it threw, so a test can assert on errcode and status together. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
