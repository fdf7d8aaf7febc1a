import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './port.ts';
import { UpcasterRegistry } from './upcasting.ts';

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  id: 'e1',
  stream: 'claim-1',
  revision: 0n,
  position: '1',
  type,
  data,
  metadata: { schemaVersion, actor: 'system:test', correlationId: 'c1', causationId: null },
  recordedAt: new Date('2026-01-01T00:00:00Z'),
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'ClaimSubmitted', fromVersion: 1, upcast: (data) => ({ ...(data as object), channel: 'web' }) },
    {
      type: 'ClaimSubmitted',
      fromVersion: 2,
      upcast: (data) => {
        const { amount, ...rest } = data as { amount: number };
        return { ...rest, amountKopecks: amount * 100 };
      },
    },
  ]);

  it.each([
    { from: 1, data: { amount: 5 }, expected: { channel: 'web', amountKopecks: 500 } },
    { from: 2, data: { amount: 5, channel: 'app' }, expected: { channel: 'app', amountKopecks: 500 } },
  ])('lifts version $from through every later step to version 3', ({ from, data, expected }) => {
    const lifted = registry.upcast(recorded('ClaimSubmitted', from, data));

    expect(lifted.data).toEqual(expected);
    expect(lifted.metadata.schemaVersion).toBe(3);
  });

  it('returns current and unknown events unchanged', () => {
    const current = recorded('ClaimSubmitted', 3, { amountKopecks: 1 });
    const unknown = recorded('ClaimWithdrawn', 1, {});

    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(unknown)).toBe(unknown);
  });

  it('does not touch the stored event', () => {
    const stored = recorded('ClaimSubmitted', 1, { amount: 5 });

    registry.upcast(stored);

    expect(stored.data).toEqual({ amount: 5 });
    expect(stored.metadata.schemaVersion).toBe(1);
  });

  it('refuses two upcasters for the same type and version', () => {
    const twice = { type: 'A', fromVersion: 1, upcast: (data: unknown) => data };

    expect(() => new UpcasterRegistry([twice, twice])).toThrow(/two upcasters for A from version 1/);
  });
});
