import { describe, expect, it } from 'vitest';
import { actorReference } from './actorReference.ts';

describe('actorReference', () => {
  it('names a customer and any member of staff the way event metadata does', () => {
    expect(actorReference({ kind: 'customer', customerId: 'c-1' })).toBe('customer:c-1');
    expect(actorReference({ kind: 'staff', staffId: 'st-1' })).toBe('staff:st-1');
    expect(actorReference({ kind: 'operator', staffId: 'st-2' })).toBe('staff:st-2');
  });
});
