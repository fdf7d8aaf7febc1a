import type { EventMetadata, NewEvent, RecordedEvent } from '@cabinet/platform/eventstore';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { isClaimEventType, type ClaimEvent } from '../domain/claimEvents.ts';
import { isErasedPersonalData, isSealedPersonalData } from '../domain/personalDataForm.ts';
import { claimEventVersion } from './claimEventTypes.ts';

type WithPersonal = { personal?: object };

/** Seals each event's personal part with the customer's key, and records it in its type's version today. */
export async function sealClaimEvents(
  events: readonly ClaimEvent[],
  customerId: string,
  vault: CustomerKeyVault,
  eventId: (index: number) => string,
  metadata: Omit<EventMetadata, 'schemaVersion'>,
): Promise<NewEvent[]> {
  return Promise.all(
    events.map(async (event, index) => {
      const data = event.data as ClaimEvent['data'] & WithPersonal;
      const personal = data.personal;
      const sealedData =
        personal && !isSealedPersonalData(personal) && !isErasedPersonalData(personal)
          ? { ...data, personal: await vault.seal(customerId, personal) }
          : data;
      return {
        id: eventId(index),
        type: event.type,
        data: sealedData,
        metadata: { ...metadata, schemaVersion: claimEventVersion(event.type) },
      };
    }),
  );
}

/** The domain event of a recorded claim event (personal part still sealed: the decider never reads it). */
export function claimEventOf(recorded: RecordedEvent): ClaimEvent {
  if (!isClaimEventType(recorded.type)) {
    throw new Error(
      `unknown claim event type ${recorded.type} at ${recorded.stream}@${String(recorded.revision)}`,
    );
  }
  return { type: recorded.type, data: recorded.data } as ClaimEvent;
}
