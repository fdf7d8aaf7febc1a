const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names no record, so callers answer "not found" without asking a store. */
export function isUuid(value: string): boolean {
  return UUID_FORM.test(value);
}
