import { isCalendarDate, moscowDate } from '@cabinet/kernel';
import { optionalText, requiredText, splitDocuments } from './claimCommandInput.ts';
import type { SubmitClaim } from './claimCommands.ts';
import { ClaimErrors } from './claimErrors.ts';
import type { ClaimEvent } from './claimEvents.ts';
import { parseClaimNumber } from './claimNumber.ts';
import type { Claim, ClaimState } from './claimState.ts';

/** A submission creates the claim; submitted again by the same customer (a network retry) it changes nothing. */
export function decideSubmission(command: SubmitClaim, state: ClaimState): ClaimEvent[] {
  if (state.kind === 'none') return [submit(command)];
  if (isRetriedSubmission(command, state)) return [];
  throw ClaimErrors.transitionNotAllowed(state, command.type);
}

/** A submission before its number is issued. */
export type UnnumberedSubmission = Omit<SubmitClaim, 'data'> & {
  readonly data: Omit<SubmitClaim['data'], 'claimNumber'>;
};

/**
 * Refuses a submission the decider would refuse for what it says, before a claim number is issued for
 * it: a number taken by a refused submission would leave a gap in the sequence.
 */
export function assertSubmittable(submission: UnnumberedSubmission): void {
  checkedSubmission(submission);
}

function submit(command: SubmitClaim): ClaimEvent {
  const { data } = command;
  const { customerId, kind, incidentPlace, description, contactPhone, contactEmail } =
    checkedSubmission(command);
  if (parseClaimNumber(data.claimNumber) === null) {
    throw ClaimErrors.badInput('claimNumber', 'Неверный номер заявления.');
  }
  const { documents, documentNames } = splitDocuments(data.documents);
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: data.claimId,
      occurredAt: command.metadata.now.toISOString(),
      claimNumber: data.claimNumber.trim(),
      customerId,
      policy: data.policy,
      incident: { occurredOn: data.incident.occurredOn, kind },
      documents,
      personal: {
        incidentPlace,
        description,
        contactPhone,
        contactEmail,
        noticeEmail: data.noticeEmail,
        // A name is kept only with an address to write to.
        noticeName: data.noticeEmail === null ? null : data.noticeName,
        customerName: data.customerName,
        documentNames,
      },
    },
  };
}

function checkedSubmission({ actor, data, metadata }: UnnumberedSubmission) {
  if (actor.kind !== 'customer') throw ClaimErrors.forbidden();
  const today = moscowDate(metadata.now);
  if (!isCalendarDate(data.incident.occurredOn) || data.incident.occurredOn > today) {
    throw ClaimErrors.badInput('incident.occurredOn', 'Дата события должна быть не позже сегодняшней.');
  }
  const kind = requiredText('incident.kind', data.incident.kind, 'Укажите вид события.');
  const incidentPlace = requiredText('incident.place', data.incident.place, 'Укажите место события.');
  const description = requiredText(
    'incident.description',
    data.incident.description,
    'Опишите, что произошло.',
  );
  const contactPhone = optionalText('contact.phone', data.contact.phone);
  const contactEmail = optionalText('contact.email', data.contact.email);
  if (contactPhone === null && contactEmail === null) {
    throw ClaimErrors.badInput('contact', 'Укажите телефон или электронную почту для связи.');
  }
  return { customerId: actor.customerId, kind, incidentPlace, description, contactPhone, contactEmail };
}

/** The same customer sending the same claim again (a network retry) changes nothing. */
function isRetriedSubmission(command: SubmitClaim, claim: Claim): boolean {
  return (
    command.actor.kind === 'customer' &&
    command.actor.customerId === claim.customerId &&
    command.data.claimNumber.trim() === claim.claimNumber
  );
}
