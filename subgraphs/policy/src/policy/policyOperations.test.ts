import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION, rubles, zero } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevCardProvider } from '../payments/devCardProvider.ts';
import { PaymentMethodRepository } from '../payments/paymentMethodRepository.ts';
import { PaymentMethods } from '../payments/paymentMethods.ts';
import { PaymentProcessor } from '../payments/paymentProcessor.ts';
import { PaymentRepository } from '../payments/paymentRepository.ts';
import { QuoteRepository } from '../quotes/quoteRepository.ts';
import { issuePolicy, type PolicyDraft } from './domain/index.ts';
import { policyPaymentEffects } from './paymentEffects.ts';
import { PolicyNumbers } from './policyNumbers.ts';
import { PolicyOperations } from './policyOperations.ts';
import type { PolicyRecord } from './policyRecord.ts';
import { PolicyRepository } from './policyRepository.ts';

const signedIn = { trusted: true, consentVersion: CURRENT_CONSENT_VERSION } as const;
const holder = { kind: 'customer', customerId: 'holder', sessionId: 's1', ...signedIn } as const;
const stranger = { kind: 'customer', customerId: 'stranger', sessionId: 's2', ...signedIn } as const;
const person = { fullName: 'Петрова Анна Сергеевна', birthDate: '1985-04-12' };

const osago: PolicyDraft = {
  number: 'ХХХ 0000000001',
  product: 'OSAGO',
  holderId: 'holder',
  insuredObject: {
    kind: 'VEHICLE',
    vehicle: {
      vin: 'XTA21900012345678',
      plate: 'А123ВС77',
      make: 'Lada',
      model: 'Vesta',
      manufactureYear: 2020,
      enginePowerHp: 106,
      ownerTerritory: 'MOSCOW',
      usageMonths: 12,
    },
    drivers: { kind: 'NAMED', drivers: [{ ...person, licensedSince: '2005-06-01', kbmClass: '5' }] },
  },
  startsOn: '2025-04-01',
  termMonths: 12,
  coverages: [
    { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: zero('RUB') },
    { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: zero('RUB') },
  ],
  instalmentCount: 1,
};

const property: PolicyDraft = {
  number: 'ИМУ-25-00000001',
  product: 'PROPERTY',
  holderId: 'holder',
  insuredObject: { kind: 'PROPERTY', address: 'г. Тула, ул. Мира, д. 5, кв. 12', propertyType: 'APARTMENT' },
  startsOn: '2026-01-01',
  termMonths: 12,
  coverages: [{ code: 'PROPERTY_BELONGINGS', sumInsured: rubles(1_000_000), deductible: zero('RUB') }],
  instalmentCount: 2,
};

describe('PolicyOperations', () => {
  let dir: string;
  let store: DocumentStore;
  let now: Date;
  let policies: PolicyRepository;
  let operations: PolicyOperations;
  let methods: PaymentMethods;
  let ids = 0;
  const clock = { now: () => now, newId: () => `id-${String((ids += 1)).padStart(6, '0')}` };

  const seed = async (draft: PolicyDraft, issuedAt: string): Promise<PolicyRecord> => {
    const record: PolicyRecord = {
      ...issuePolicy(draft, { now: () => new Date(issuedAt), newId: clock.newId }),
      soldByPartnerId: null,
      holderName: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
    };
    await policies.insert(record);
    return record;
  };
  const cardOf = async (customerId: string, number = '2200000000000004') =>
    (await methods.add(customerId, { number, expiry: '12/30' })).id;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policy-operations-'));
    store = await openDocumentStore({ sqliteFile: join(dir, 'documents.sqlite') });
    now = new Date('2026-03-10T09:00:00Z');
    policies = await PolicyRepository.open(store);
    const quotes = await QuoteRepository.open(store);
    const numbers = await PolicyNumbers.open(store);
    await numbers.advanceTo('OSAGO', 100);
    const provider = createDevCardProvider(clock.newId);
    methods = new PaymentMethods(await PaymentMethodRepository.open(store), provider, clock);
    const processor = new PaymentProcessor(
      await PaymentRepository.open(store),
      provider,
      policyPaymentEffects({ policies, quotes, numbers, clock }),
      clock,
      createLogger('policy-test', 'silent'),
      { recorded: () => Promise.resolve() },
    );
    operations = new PolicyOperations(policies, quotes, methods, processor, clock);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('renewal', () => {
    it('charges the quoted premium and issues the next ОСАГО term under a new number', async () => {
      const policy = await seed(osago, '2025-03-20T09:00:00Z');
      const quote = await operations.quoteRenewal(holder, policy.id, 12);
      const outcome = await operations.renewPolicy(holder, quote.id, await cardOf('holder'), 'renew-key-1');

      expect(outcome.payment).toMatchObject({ status: 'SUCCEEDED', amount: quote.amountDueNow });
      expect(outcome.policy.status).toBe('RENEWED');
      const successor = await policies.get(outcome.policy.renewedBy ?? '');
      expect(successor).toMatchObject({
        number: 'ХХХ 0000000101',
        status: 'ACTIVE',
        renewalOf: policy.id,
        period: { startsOn: '2026-04-01', endsOn: '2027-03-31' },
        holderName: policy.holderName,
      });
      expect(successor?.instalments[0]).toMatchObject({ status: 'PAID', paymentId: outcome.payment?.id });
    });

    it('declines for insufficient funds and leaves the policy as it was', async () => {
      const policy = await seed(osago, '2025-03-20T09:00:00Z');
      const quote = await operations.quoteRenewal(holder, policy.id, 12);
      const poorCard = await cardOf('holder', '2200000000000012');
      await expect(operations.renewPolicy(holder, quote.id, poorCard, 'renew-key-1')).rejects.toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
        message: 'Недостаточно средств на карте. Пополните карту или выберите другую и повторите оплату.',
      });
      expect(await policies.get(policy.id)).toEqual(policy);
    });

    it('refuses a quote older than 24 hours without charging', async () => {
      const policy = await seed(osago, '2025-03-20T09:00:00Z');
      const quote = await operations.quoteRenewal(holder, policy.id, 12);
      now = new Date(now.getTime() + 24 * 3_600_000);
      await expect(
        operations.renewPolicy(holder, quote.id, await cardOf('holder'), 'renew-key-1'),
      ).rejects.toMatchObject({ code: 'QUOTE_EXPIRED' });
    });

    it("hides someone else's quote and policy", async () => {
      const policy = await seed(osago, '2025-03-20T09:00:00Z');
      const quote = await operations.quoteRenewal(holder, policy.id, 12);
      const card = await cardOf('stranger');
      await expect(operations.renewPolicy(stranger, quote.id, card, 'renew-key-1')).rejects.toMatchObject({
        code: 'QUOTE_NOT_FOUND',
      });
      await expect(operations.quoteRenewal(stranger, policy.id, 12)).rejects.toMatchObject({
        code: 'POLICY_NOT_FOUND',
      });
    });

    it("refuses to charge someone else's card", async () => {
      const policy = await seed(osago, '2025-03-20T09:00:00Z');
      const quote = await operations.quoteRenewal(holder, policy.id, 12);
      await expect(
        operations.renewPolicy(holder, quote.id, await cardOf('stranger'), 'renew-key-1'),
      ).rejects.toMatchObject({ code: 'PAYMENT_METHOD_NOT_FOUND' });
    });
  });

  describe('coverage change', () => {
    it('takes a lower sum off the unpaid instalment and refunds the rest to the card', async () => {
      const policy = await seed(property, '2025-12-20T09:00:00Z');
      const [first] = policy.instalments;
      const card = await cardOf('holder');
      await operations.payInstalment(holder, policy.id, first!.id, card, 'pay-key-1');

      const quote = await operations.quoteCoverageChange(holder, policy.id, [
        { code: 'PROPERTY_BELONGINGS', sumInsured: { amount: '100000.00', currency: 'RUB' } },
      ]);
      if (quote.kind !== 'COVERAGE_CHANGE') throw new Error('expected a coverage change quote');
      // 5 ‰ of 900 000 ₽ less is 4 500 ₽ a year; 2026-03-11..2026-12-31 is 296 of 365 days: 3 649.32 ₽.
      expect(quote.premiumDelta.minorUnits).toBe(-364_932);
      // The unpaid half (2 500 ₽) absorbs 2 500 ₽ of it; 1 149.32 ₽ goes back to the card.
      expect(quote.amountDueNow.minorUnits).toBe(-114_932);

      const outcome = await operations.confirmCoverageChange(holder, quote.id, card, 'change-key-1');
      expect(outcome.payment).toMatchObject({ status: 'SUCCEEDED', amount: { minorUnits: -114_932 } });
      expect(outcome.policy.premium.minorUnits).toBe(500_000 - 364_932);
      expect(outcome.policy.instalments.map((i) => [i.kind, i.status, i.amount.minorUnits])).toEqual([
        ['REGULAR', 'PAID', 250_000],
        ['ADJUSTMENT', 'PAID', -114_932],
      ]);
    });
  });

  describe('instalments', () => {
    it('refuses to pay an instalment twice under different keys', async () => {
      const policy = await seed(property, '2025-12-20T09:00:00Z');
      const card = await cardOf('holder');
      const instalment = policy.instalments[0]!.id;
      await operations.payInstalment(holder, policy.id, instalment, card, 'pay-key-1');
      await expect(
        operations.payInstalment(holder, policy.id, instalment, card, 'pay-key-2'),
      ).rejects.toMatchObject({ code: 'INSTALMENT_ALREADY_PAID' });
    });
  });
});
