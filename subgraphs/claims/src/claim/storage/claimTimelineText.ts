import { formatForPeople, kopecks } from '@cabinet/kernel';
import type { ClaimEvent, ClaimRefusalReason } from '../domain/claimEvents.ts';

const REFUSAL_REASONS: Readonly<Record<ClaimRefusalReason, string>> = {
  NOT_AN_INSURED_EVENT: 'событие не является страховым случаем',
  POLICY_NOT_IN_FORCE: 'полис не действовал',
  EXCLUDED_RISK: 'риск исключён договором',
  DOCUMENTS_NOT_PROVIDED: 'не представлены документы',
  OTHER: 'иная причина',
};

/** A timeline line for the event, in Russian; personal data never goes into it. */
export function timelineTextOf(event: ClaimEvent): string {
  switch (event.type) {
    case 'ClaimSubmitted':
      return `Заявление ${event.data.claimNumber} подано: ${event.data.incident.kind}`;
    case 'ClaimAccepted':
      return 'Заявление принято к рассмотрению';
    case 'ClaimAssigned':
      return 'Назначен урегулировщик';
    case 'ClaimWorkStarted':
      return 'Заявление взято в работу';
    case 'ClaimQuestionAsked':
      return 'Клиент задал вопрос';
    case 'ClaimClarificationAnswered':
      return 'Страховщик ответил на вопрос';
    case 'ClaimDocumentsRequested':
      return 'Запрошены документы';
    case 'ClaimDocumentsProvided':
      return `Приложены документы: ${event.data.documents.length}`;
    case 'ClaimCommented':
      return event.data.author.kind === 'customer' ? 'Комментарий клиента' : 'Комментарий страховщика';
    case 'ClaimApproved':
      return `Принято решение о выплате: ${formatForPeople(kopecks(event.data.amountKopecks))}`;
    case 'ClaimRefused':
      return `Отказано в выплате: ${REFUSAL_REASONS[event.data.reason]}`;
    case 'ClaimMarkedReadyForPayout':
      return `Готово к выдаче: ${formatForPeople(kopecks(event.data.amountKopecks))}`;
    case 'ClaimPaidOut':
      return `Выплата проведена: ${formatForPeople(kopecks(event.data.amountKopecks))}`;
    case 'ClaimWithdrawn':
      return 'Заявление отозвано клиентом';
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Who did it, as the customer reads it: the actor reference is `customer:<id>` or `staff:<id>`. */
export function actorLabelOf(actor: string): string {
  return actor.startsWith('customer:') ? 'Клиент' : 'Страховщик';
}

/** The personal text of an event's opened personal part, as the card shows it under the line. */
export function timelineDetailsOf(
  event: Pick<ClaimEvent, 'type'>,
  plain: Readonly<Record<string, unknown>>,
): string | null {
  const text = (key: string) => (typeof plain[key] === 'string' ? plain[key] : null);
  switch (event.type) {
    case 'ClaimSubmitted':
      return [text('incidentPlace'), text('description')].filter((part) => part !== null).join('. ') || null;
    case 'ClaimQuestionAsked':
      return text('question');
    case 'ClaimClarificationAnswered':
      return text('answer');
    case 'ClaimDocumentsRequested':
      return text('message');
    case 'ClaimCommented':
      return text('text');
    case 'ClaimRefused':
      return text('explanation');
    case 'ClaimWithdrawn':
      return text('reason');
    case 'ClaimDocumentsProvided':
    case 'ClaimAccepted':
    case 'ClaimAssigned':
    case 'ClaimWorkStarted':
    case 'ClaimApproved':
    case 'ClaimMarkedReadyForPayout':
    case 'ClaimPaidOut':
      return null;
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}
