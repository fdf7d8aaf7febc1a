import { describe, expect, it } from 'vitest';
import { claimActorOf } from './claimActor.ts';

describe('claimActorOf', () => {
  it.each([
    [
      { kind: 'customer', customerId: 'c-1', sessionId: 's', trusted: true },
      { kind: 'customer', customerId: 'c-1' },
    ],
    [
      { kind: 'staff', staffId: 'st-1', sessionId: 's', roles: ['adjuster'] },
      { kind: 'staff', staffId: 'st-1', role: 'adjuster' },
    ],
    [
      { kind: 'staff', staffId: 'st-1', sessionId: 's', roles: ['adjuster', 'supervisor'] },
      { kind: 'staff', staffId: 'st-1', role: 'supervisor' },
    ],
    [{ kind: 'staff', staffId: 'st-1', sessionId: 's', roles: ['analyst'] }, null],
    [{ kind: 'partner', partnerId: 'p-1', clientId: 'bank', scopes: ['claims:status'] }, null],
    [{ kind: 'anonymous' }, null],
  ] as const)('%o acts as %o', (principal, actor) => {
    expect(claimActorOf(principal)).toEqual(actor);
  });
});
