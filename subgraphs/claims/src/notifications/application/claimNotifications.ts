import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import {
  openNotifications,
  type NotificationSettings,
  type ServiceNotifications,
} from '@cabinet/platform/notifications';
import type { ProjectionMonitor } from '@cabinet/platform/projections';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';
import { claimLetterFactsOf } from './claimLetterFacts.ts';
import { statusNotification } from './statusNotification.ts';
import { notificationOutboxProjection } from '../storage/notificationOutboxProjection.ts';

/**
 * Status-change notices through the platform's outbox: every status change is due at once and told
 * once, by push and by a letter to the claim's verified address. Run by the read models' leader alone.
 */
export function openClaimNotifications(
  settings: NotificationSettings,
  stores: { events: EventStore; documents: DocumentStore; vault: CustomerKeyVault },
  now: () => Date,
  log: Logger,
  projections?: ProjectionMonitor,
): Promise<ServiceNotifications> {
  const { events, vault } = stores;
  return openNotifications<ClaimStatusChangeRecord>({
    service: 'claims',
    settings,
    stores,
    fill: (outbox, onEnqueued) => notificationOutboxProjection(outbox, events, now, onEnqueued),
    compose: async (change) =>
      statusNotification(change, settings.CABINET_URL, await claimLetterFactsOf(events, vault, change)),
    now,
    log,
    projections,
  });
}
