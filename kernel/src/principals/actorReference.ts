/**
 * The event store's `metadata.actor` form of whoever acts on an aggregate: `customer:<id>` for a
 * customer, `staff:<id>` for any member of staff, whatever part they play there.
 */
export function actorReference(
  actor:
    | { readonly kind: 'customer'; readonly customerId: string }
    | { readonly kind: string; readonly staffId: string },
): string {
  return 'customerId' in actor ? `customer:${actor.customerId}` : `staff:${actor.staffId}`;
}
