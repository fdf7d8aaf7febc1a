/**
 * The clock the processes a test starts run on: the machine's, which CI's date runs move as a whole
 * with faketime. For what a test shares with running services (leases, expiry, the seeding moment),
 * never to choose data: the demo registry keeps its roles on every date.
 */
export function systemClock(): Date {
  return new Date();
}
