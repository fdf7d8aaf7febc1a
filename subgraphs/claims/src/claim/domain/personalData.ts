import type { ClaimEvent } from './claimEvents.ts';
import {
  ERASED_PERSONAL_DATA,
  isErasedPersonalData,
  isSealedPersonalData,
  type ErasedPersonalData,
  type PersonalData,
  type SealedPersonalData,
} from './personalDataForm.ts';

/** Claim events that carry a `personal` part. */
export type ClaimEventWithPersonalData = Extract<ClaimEvent, { data: { personal: unknown } }>;

/** The plain shape of an event's personal part. */
export type PlainPersonalDataOf<E extends ClaimEventWithPersonalData> = Exclude<
  E['data']['personal'],
  SealedPersonalData | ErasedPersonalData
>;

export function hasPersonalData(event: ClaimEvent): event is ClaimEventWithPersonalData {
  return 'personal' in event.data;
}

/**
 * Every personal part in a claim stream belongs to the claim's customer, staff answers and comments
 * included (they talk about the customer's case), so one key per customer covers the whole stream.
 */
export function personalDataOf(event: ClaimEvent): PersonalData<object> | null {
  return hasPersonalData(event) ? event.data.personal : null;
}

/**
 * The event with its personal part replaced (sealed, unsealed or erased); events without one come back
 * unchanged. The replacement must have the shape the event type declares: the wiring that unseals JSON
 * is responsible for that.
 */
export function withPersonalData<E extends ClaimEvent>(event: E, personal: PersonalData<object>): E {
  if (!hasPersonalData(event)) return event;
  return { ...event, data: { ...event.data, personal } };
}

/** The event as readers without a right to personal data see it, and as it reads after the key is destroyed. */
export function withoutPersonalData<E extends ClaimEvent>(event: E): E {
  return withPersonalData(event, ERASED_PERSONAL_DATA);
}

/**
 * Seals an event's personal part with a function the wiring supplies (the per-customer cipher);
 * events without personal data pass through untouched.
 */
export async function sealPersonalData<E extends ClaimEvent>(
  event: E,
  seal: (plain: object) => Promise<SealedPersonalData>,
): Promise<E> {
  const personal = personalDataOf(event);
  if (personal === null || isSealedPersonalData(personal) || isErasedPersonalData(personal)) return event;
  return withPersonalData(event, await seal(personal));
}

/**
 * Opens a sealed personal part; `unseal` answers null when the customer's key no longer exists, and
 * the part then reads as erased.
 */
export async function unsealPersonalData<E extends ClaimEvent>(
  event: E,
  unseal: (sealed: SealedPersonalData) => Promise<object | null>,
): Promise<E> {
  const personal = personalDataOf(event);
  if (personal === null || !isSealedPersonalData(personal)) return event;
  return withPersonalData(event, (await unseal(personal)) ?? ERASED_PERSONAL_DATA);
}
