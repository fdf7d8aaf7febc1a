import type { ActivityRecorder } from '@cabinet/platform/activity';
import { causedByRequest, type EventStore } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import type { CustomerRepository } from '../../customer/storage/customerRepository.ts';
import type { SessionRepository } from '../../session/storage/sessionRepository.ts';
import { publishCustomerEvent } from './consentEvents.ts';
import { isErasurePending } from '../domain/erasure.ts';
import type { ErasureRepository } from '../storage/erasureRepository.ts';

export interface ErasureJobDeps {
  readonly erasures: ErasureRepository;
  readonly customers: CustomerRepository;
  readonly sessions: SessionRepository;
  readonly events: EventStore;
  readonly activity: ActivityRecorder;
  readonly log: Logger;
  readonly now: () => Date;
  readonly newId: () => string;
}

const BATCH = 50;

/**
 * Destroys the personal data of customers whose erasure is due and was not cancelled by a new
 * acceptance of the consent: the customer record and sessions.
 * Consent records and the activity log stay: they are the proof of the revocation and the act of
 * destruction that Приказ РКН №179 asks for. Returns how many customers were erased.
 */
export async function runDueErasures(deps: ErasureJobDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.erasures.due(now, BATCH);
  let erased = 0;
  for (const erasure of due) {
    // The customer may have accepted the consent again since the batch was read.
    const current = await deps.erasures.get(erasure.customerId);
    if (!current || !isErasurePending(current)) continue;
    await deps.customers.delete(erasure.customerId);
    await deps.sessions.deleteFor(erasure.customerId);
    await deps.erasures.markErased(erasure.customerId, now);
    // A run's erasure of one customer is a request of its own, and its one command.
    const cause = causedByRequest(deps.newId(), 'erasePersonalData');
    await publishCustomerEvent(
      deps.events,
      {
        type: 'CustomerPersonalDataErased',
        data: { customerId: erasure.customerId, erasedAt: now.toISOString() },
      },
      { id: deps.newId(), actor: 'system:erasure', cause },
    );
    await deps.activity.record(
      erasure.customerId,
      { action: 'PERSONAL_DATA_ERASED', actor: 'system:erasure', client: { ip: null, userAgent: null } },
      cause,
    );
    deps.log.info({ customerId: erasure.customerId, dueBy: erasure.dueBy }, 'personal data erased');
    erased += 1;
  }
  return erased;
}
