/** The file types a customer may upload, recognised by their first bytes (never by name or declared type). */
export const ALLOWED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;
export type FileContentType = (typeof ALLOWED_FILE_TYPES)[number];

/** Enough of a file's head to recognise every allowed type. */
export const SIGNATURE_BYTES = 12;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FTYP = [0x66, 0x74, 0x79, 0x70]; // "ftyp" at offset 4 of an ISO-BMFF file
/** Major brands of HEIF files holding HEVC images (ISO/IEC 23008-12), as iPhones and Android write them. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function startsWith(head: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return (
    head.length >= offset + signature.length &&
    signature.every((byte, index) => head[offset + index] === byte)
  );
}

/** The type of a file's first bytes, or null when it is none of the allowed ones. */
export function fileTypeOf(head: Uint8Array): FileContentType | null {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, FTYP, 4) && head.length >= 12) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
  }
  return null;
}
