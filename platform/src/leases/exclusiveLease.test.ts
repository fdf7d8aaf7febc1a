import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../documents/port.ts';
import { SqliteDocumentStore } from '../documents/sqlite/sqliteDocumentStore.ts';
import { acquireLease, LeaseHeld } from './exclusiveLease.ts';

const TTL_MS = 30_000;

describe('acquireLease', () => {
  let dir: string;
  let documents: DocumentStore;
  let now: Date;
  const as = (holder: string) => ({ holder, ttlMs: TTL_MS, now: () => now });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leases-'));
    documents = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
    now = new Date('2026-11-25T10:00:00Z');
  });
  afterEach(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses another holder while it is held, naming the holder and the expiry', async () => {
    await acquireLease(documents, 'claims-read-models', as('claims service'));
    const refused = await acquireLease(documents, 'claims-read-models', as('claims rebuild')).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(LeaseHeld);
    expect(refused).toMatchObject({
      holder: 'claims service',
      heldUntil: new Date('2026-11-25T10:00:30Z'),
    });
  });

  it('lets the same holder take it back at once, as a service restarted after a crash', async () => {
    await acquireLease(documents, 'a', as('claims service'));
    await expect(acquireLease(documents, 'a', as('claims service'))).resolves.toBeDefined();
  });

  it('goes to another holder once released, or once its holder stopped renewing it', async () => {
    const first = await acquireLease(documents, 'a', as('one'));
    await first.release();
    const second = await acquireLease(documents, 'a', as('two'));

    now = new Date('2026-11-25T10:00:20Z');
    await second.renew();
    now = new Date('2026-11-25T10:00:45Z');
    await expect(acquireLease(documents, 'a', as('three'))).rejects.toThrow(LeaseHeld);
    now = new Date('2026-11-25T10:00:51Z');
    const third = await acquireLease(documents, 'a', as('three'));
    await expect(second.renew()).rejects.toThrow('held by three');
    await second.release();
    await expect(acquireLease(documents, 'a', as('two'))).rejects.toThrow('held by three');
    await third.release();
    await expect(acquireLease(documents, 'a', as('two'))).resolves.toBeDefined();
  });

  it('gives every new holder a greater fencing token, and keeps it for a holder taking its own back', async () => {
    const first = await acquireLease(documents, 'a', as('one'));
    const again = await acquireLease(documents, 'a', as('one'));
    await again.release();
    const second = await acquireLease(documents, 'a', as('two'));
    now = new Date('2026-11-25T10:01:00Z');
    const third = await acquireLease(documents, 'a', as('three'));

    expect([first.token, again.token, second.token, third.token]).toEqual([1, 1, 2, 3]);
  });

  it('will not renew a lease that changed hands, even once the new holder let it lapse', async () => {
    const first = await acquireLease(documents, 'a', as('one'));
    now = new Date('2026-11-25T10:00:31Z');
    await acquireLease(documents, 'a', as('two'));
    now = new Date('2026-11-25T10:02:00Z');

    await expect(first.renew()).rejects.toThrow('held by two');
  });

  it('takes a lease at once from a holder known to be gone', async () => {
    await acquireLease(documents, 'a', as('crashed'));

    const taken = await acquireLease(documents, 'a', {
      ...as('successor'),
      isGone: (holder) => holder === 'crashed',
    });

    expect(taken.token).toBe(2);
  });
});
