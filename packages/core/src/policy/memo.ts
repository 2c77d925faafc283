/**
 * A one-argument function that remembers its last string input. The rules of one decision often
 * read the same argument (an all-internal recipients check and a recipient count; an allow-list
 * and a deny-list of URL hosts), and parsing it is the costliest part of a typical policy. Only
 * for pure functions; results are frozen, so sharing one is safe.
 */
export function lastInput<T>(fn: (value: unknown) => T): (value: unknown) => T {
  let input: string | undefined;
  let output: T;
  return (value) => {
    if (typeof value !== "string") return fn(value);
    if (value !== input) {
      output = Object.freeze(fn(value));
      input = value;
    }
    return output;
  };
}
