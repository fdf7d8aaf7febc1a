import type { ClaimRoundFigures } from './claimStatusRound.ts';
import type { DeliveryFigures } from './deliveryLedger.ts';

export const CLAIM_ROUND_HEADER =
  'gateway | subscribers | held | at claims when read | p50 ms | p99 ms | missed | duplicated | ' +
  'KiB/subscriber RSS: gateway | claims | total | heap: gateway | claims | total';

/** Latency and losses as the tables print them. */
export const deliveryColumns = (figures: DeliveryFigures): (string | number)[] => [
  figures.p50Ms.toFixed(1),
  figures.p99Ms.toFixed(1),
  figures.missed,
  figures.duplicated,
];

/** One round of claim status subscribers, under CLAIM_ROUND_HEADER. */
export const claimRoundRow = (gateway: string, figures: ClaimRoundFigures): string =>
  [
    gateway,
    figures.subscribers,
    figures.held,
    figures.established,
    ...deliveryColumns(figures),
    figures.kibPerSubscriber.gateway,
    figures.kibPerSubscriber.claims,
    figures.kibPerSubscriber.total,
    figures.heapKiBPerSubscriber.gateway,
    figures.heapKiBPerSubscriber.claims,
    figures.heapKiBPerSubscriber.total,
  ].join(' | ');
