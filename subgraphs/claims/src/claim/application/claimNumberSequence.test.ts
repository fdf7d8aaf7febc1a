import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimNumberSequence } from './claimNumberSequence.ts';

const CLAIM_A = '0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11';
const CLAIM_B = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CLAIM_C = '2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e';

let directory: string;
let documents: DocumentStore;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claim-numbers-'));
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
});

afterEach(async () => {
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

describe('claim numbers', () => {
  it('issue one number per claim: a submission retried after its append failed takes the same number', async () => {
    const numbers = await ClaimNumberSequence.open(documents);
    const first = await numbers.numberFor(CLAIM_A, 2026);
    // The append of claim A failed; the client retries with the same key, so the same claim id.
    expect(await numbers.numberFor(CLAIM_A, 2026)).toBe(first);
    expect(await numbers.numberFor(CLAIM_B, 2026)).toBe('У-2026-000002');
    expect(first).toBe('У-2026-000001');
  });

  it('give two identical submissions racing one number, and the next claim the next one', async () => {
    const numbers = await ClaimNumberSequence.open(documents);
    const racing = await Promise.all([numbers.numberFor(CLAIM_A, 2026), numbers.numberFor(CLAIM_A, 2026)]);
    expect(racing).toEqual(['У-2026-000001', 'У-2026-000001']);
    expect(await numbers.numberFor(CLAIM_B, 2026)).toBe('У-2026-000002');
  });

  it('give different claims racing different numbers without a gap', async () => {
    const numbers = await ClaimNumberSequence.open(documents);
    const issued = await Promise.all([CLAIM_A, CLAIM_B, CLAIM_C].map((id) => numbers.numberFor(id, 2026)));
    expect([...issued].sort()).toEqual(['У-2026-000001', 'У-2026-000002', 'У-2026-000003']);
  });

  it('count each year on its own', async () => {
    const numbers = await ClaimNumberSequence.open(documents);
    expect(await numbers.numberFor(CLAIM_A, 2026)).toBe('У-2026-000001');
    expect(await numbers.numberFor(CLAIM_B, 2027)).toBe('У-2027-000001');
  });
});
