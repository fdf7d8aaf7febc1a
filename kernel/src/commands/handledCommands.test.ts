import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/domainError.ts';
import { isHandledCommand, withHandledCommand, type HandledCommands } from './handledCommands.ts';

type Type = 'Comment' | 'Close';
const LABELS: Record<Type, string> = { Comment: 'оставить комментарий', Close: 'закрыть обращение' };
const handled: HandledCommands<Type> = withHandledCommand({}, 'command-1', {
  type: 'Comment',
  fingerprint: 'asked-a',
});
const issued = (type: Type, commandId: string, fingerprint: string) => ({
  type,
  metadata: { commandId, fingerprint },
});

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, details: error.details };
  }
  throw new Error('expected a refusal');
}

describe('isHandledCommand', () => {
  it('is false for a command id the stream has not handled', () => {
    expect(isHandledCommand(issued('Comment', 'command-2', 'asked-a'), handled, LABELS)).toBe(false);
  });

  it('is true for a repeat: the same id, command and request', () => {
    expect(isHandledCommand(issued('Comment', 'command-1', 'asked-a'), handled, LABELS)).toBe(true);
  });

  it('refuses the id reused for the same command asking something else', () => {
    expect(
      refusal(() => isHandledCommand(issued('Comment', 'command-1', 'asked-b'), handled, LABELS)),
    ).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'Этот ключ идемпотентности уже использован, чтобы оставить комментарий, но с другими данными. Для нового действия нужен новый ключ.',
      details: { field: 'idempotencyKey', handledAs: 'Comment', command: 'Comment' },
    });
  });

  it('refuses the id reused for another command, naming the one it was used for', () => {
    expect(refusal(() => isHandledCommand(issued('Close', 'command-1', 'asked-a'), handled, LABELS))).toEqual(
      {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message:
          'Этот ключ идемпотентности уже использован, чтобы оставить комментарий. Для нового действия нужен новый ключ.',
        details: { field: 'idempotencyKey', handledAs: 'Comment', command: 'Close' },
      },
    );
  });

  it('takes a repeat of a command recorded before fingerprints as a retry', () => {
    const unfingerprinted = withHandledCommand<Type>({}, 'command-1', { type: 'Comment', fingerprint: null });
    expect(isHandledCommand(issued('Comment', 'command-1', 'asked-b'), unfingerprinted, LABELS)).toBe(true);
  });
});

describe('withHandledCommand', () => {
  it('keeps what the first event of a command said', () => {
    const again = withHandledCommand(handled, 'command-1', { type: 'Close', fingerprint: 'asked-b' });
    expect(again).toBe(handled);
  });
});
