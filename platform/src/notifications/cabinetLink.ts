/** The address of a page in the customer's cabinet, e.g. `cabinetLink('https://lk.example.ru/', 'claims', id)`. */
export function cabinetLink(cabinetUrl: string, section: string, id: string): string {
  const base = cabinetUrl.endsWith('/') ? cabinetUrl : `${cabinetUrl}/`;
  return new URL(`${section}/${encodeURIComponent(id)}`, base).toString();
}
