import { describe, expect, it } from 'vitest';
import { causedByCommand, causedByRequest, eventMetadata } from './eventCause.ts';

describe('an event’s cause', () => {
  it('of a command is the command within its request', () => {
    expect(eventMetadata(3, 'staff:s-1', causedByCommand('command-1', 'request-1'))).toEqual({
      schemaVersion: 3,
      actor: 'staff:s-1',
      correlationId: 'request-1',
      causationId: 'command-1',
    });
  });

  it('of an operation without a key is one command per request and operation', () => {
    const signIn = causedByRequest('request-1', 'staffSignIn');
    expect(signIn.correlationId).toBe('request-1');
    expect(causedByRequest('request-1', 'staffSignIn')).toEqual(signIn);
    expect(causedByRequest('request-1', 'signOut').causationId).not.toBe(signIn.causationId);
    expect(causedByRequest('request-2', 'staffSignIn').causationId).not.toBe(signIn.causationId);
  });
});
