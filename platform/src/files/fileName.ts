/** Control characters (C0, DEL, C1) and the bidirectional overrides that make `gpj.exe` read as `exe.jpg`. */
const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const SEPARATORS = /[/\\]/;
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * A customer's file name as it is kept and shown: its last path segment only (no `../` or folders),
 * without control or direction-changing characters, leading dots, or runs of spaces, in Unicode NFC.
 * Empty when nothing printable is left.
 */
export function normalizeFileName(raw: string): string {
  const printable = raw.normalize('NFC').replace(UNPRINTABLE, ' ');
  const lastSegment = printable.split(SEPARATORS).at(-1) ?? '';
  return lastSegment
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
}
