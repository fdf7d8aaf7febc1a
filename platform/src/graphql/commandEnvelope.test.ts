import type { Principal } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { commandEnvelopeOf } from './commandEnvelope.ts';

const customer: Principal = { kind: 'customer', customerId: 'customer-1', sessionId: 's-1', trusted: true };
const other: Principal = { kind: 'customer', customerId: 'customer-2', sessionId: 's-2', trusted: true };
const field = (key: string) => ({ path: { key } });

describe('a mutation’s command envelope', () => {
  it('is the same command for a retry with the same key, whatever request carries it', () => {
    const first = commandEnvelopeOf({ principal: customer, requestId: 'request-1' }, field('a'), 'key-00001');
    const retry = commandEnvelopeOf({ principal: customer, requestId: 'request-2' }, field('b'), 'key-00001');
    expect(retry.commandId).toBe(first.commandId);
    expect([first.correlationId, retry.correlationId]).toEqual(['request-1', 'request-2']);
  });

  it('scopes a key to its caller', () => {
    const mine = commandEnvelopeOf({ principal: customer, requestId: 'r-0000001' }, field('a'), 'key-00001');
    const theirs = commandEnvelopeOf({ principal: other, requestId: 'r-0000001' }, field('a'), 'key-00001');
    expect(theirs.commandId).not.toBe(mine.commandId);
  });

  it('without a key, is one command per request and mutation field', () => {
    const context = { principal: customer, requestId: 'request-1' };
    const once = commandEnvelopeOf(context, field('first'), undefined);
    expect(commandEnvelopeOf(context, field('first'), null).commandId).toBe(once.commandId);
    expect(commandEnvelopeOf(context, field('second'), null).commandId).not.toBe(once.commandId);
    expect(
      commandEnvelopeOf({ ...context, requestId: 'request-2' }, field('first'), null).commandId,
    ).not.toBe(once.commandId);
  });

  it('refuses a malformed key', () => {
    expect(() =>
      commandEnvelopeOf({ principal: customer, requestId: 'request-1' }, field('a'), 'short'),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
