import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerMessageRateRepository } from './customerMessageRateRepository.ts';

const CUSTOMER_ID = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const OTHER_CUSTOMER_ID = 'd2b3c4d5-e6f7-4a81-9bac-1d2e3f4a5b6c';
const NOW = new Date('2026-03-02T09:00:00.000Z');

let directory: string;
let documents: DocumentStore;
let rates: CustomerMessageRateRepository;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'support-message-rates-'));
  documents = await openDocumentStore({
    database: 'support',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  rates = await CustomerMessageRateRepository.open(documents);
});

afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the count of a customer’s messages', () => {
  it('lets exactly the limit through when messages arrive at once, and counts each customer apart', async () => {
    const outcomes = await Promise.allSettled(
      ['m1', 'm2', 'm3', 'm4'].map((messageId) => rates.count(CUSTOMER_ID, messageId, NOW, 3)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'SUPPORT_MESSAGE_RATE_LIMITED' });
    expect(await rates.count(OTHER_CUSTOMER_ID, 'm5', NOW, 3)).toBe(true);
  });

  it('frees the place of a withdrawn message and does not count a retried one twice', async () => {
    for (const messageId of ['m1', 'm2', 'm3']) await rates.count(CUSTOMER_ID, messageId, NOW, 3);
    expect(await rates.count(CUSTOMER_ID, 'm2', NOW, 3)).toBe(false);
    await rates.withdraw(CUSTOMER_ID, 'm3');
    expect(await rates.count(CUSTOMER_ID, 'm4', NOW, 3)).toBe(true);
    await expect(rates.count(CUSTOMER_ID, 'm5', NOW, 3)).rejects.toMatchObject({
      code: 'SUPPORT_MESSAGE_RATE_LIMITED',
    });
  });
});
