/** The digits of a string that holds only digits and the separators people type (spaces, hyphens). */
export function digitsOf(raw: string, separators: RegExp): string | undefined {
  const compact = raw.trim().replace(separators, '');
  return /^\d+$/.test(compact) ? compact : undefined;
}

export function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * Number(digits[index]), 0);
}
