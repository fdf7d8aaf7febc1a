const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Anything that is not a lower-case hex sha256 addresses no blob (and never reaches a file path). */
export function isSha256Address(value: string): boolean {
  return SHA256_HEX.test(value);
}
