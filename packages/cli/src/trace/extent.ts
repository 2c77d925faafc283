/** Smallest and largest of a list, without spreading it into arguments (traces can be long). */
export function extent(
  values: readonly number[],
): { readonly min: number; readonly max: number } | undefined {
  if (values.length === 0) return undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}
