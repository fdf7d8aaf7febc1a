import { DomainError } from '../errors/domainError.ts';
import type { CommandMetadata } from './commandMetadata.ts';

/** A command a stream has handled: its type and its request's fingerprint (null when recorded before fingerprints). */
export interface HandledCommand<Type extends string> {
  readonly type: Type;
  readonly fingerprint: string | null;
}

/** The commands a stream has handled, by command id: what a decider checks a command against first. */
export type HandledCommands<Type extends string> = Readonly<Record<string, HandledCommand<Type>>>;

/** The handled commands with one more; an id already there keeps what its first event said. */
export function withHandledCommand<Type extends string>(
  handled: HandledCommands<Type>,
  commandId: string,
  command: HandledCommand<Type>,
): HandledCommands<Type> {
  if (handled[commandId] !== undefined) return handled;
  return { ...handled, [commandId]: command };
}

/** A command as the handled-commands check sees it: what it is and what it asked. */
export interface IssuedCommand<Type extends string> {
  readonly type: Type;
  readonly metadata: Pick<CommandMetadata, 'commandId' | 'fingerprint'>;
}

/**
 * True for a command the stream has handled: the same id, the same command and the same request, so
 * the repeat records nothing. An id reused for another command, or for the same command asking
 * something else, is refused (IDEMPOTENCY_KEY_REUSED); `labels` name each command to the client as an
 * infinitive ("подать заявление").
 */
export function isHandledCommand<Type extends string>(
  command: IssuedCommand<Type>,
  handled: HandledCommands<Type>,
  labels: Readonly<Record<Type, string>>,
): boolean {
  const earlier = handled[command.metadata.commandId];
  if (earlier === undefined) return false;
  if (earlier.type !== command.type) throw idempotencyKeyReused(earlier.type, command.type, labels, '');
  // Commands recorded before fingerprints cannot be compared: a repeat of one is taken as a retry.
  if (earlier.fingerprint !== null && earlier.fingerprint !== command.metadata.fingerprint) {
    throw idempotencyKeyReused(command.type, command.type, labels, ', но с другими данными');
  }
  return true;
}

function idempotencyKeyReused<Type extends string>(
  handledAs: Type,
  command: Type,
  labels: Readonly<Record<Type, string>>,
  otherwise: string,
): DomainError {
  return new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    `Этот ключ идемпотентности уже использован, чтобы ${labels[handledAs]}${otherwise}. Для нового действия нужен новый ключ.`,
    { field: 'idempotencyKey', handledAs, command },
  );
}
