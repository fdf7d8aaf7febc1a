import { DuplicateKey, type Collection, type DocumentStore } from '@cabinet/platform/documents';
import type { ErrorCode } from '@cabinet/kernel';
import type { Payment, PaymentStatus } from './domain/index.ts';

/**
 * What happened to the thing a payment paid for. PENDING until the payment settles and its effect
 * (a paid instalment, a renewal, a change) is on the policy; DONE then; NOT_NEEDED for a declined
 * payment. When the effect can no longer be applied (the policy changed meanwhile), a charge is
 * given back (REFUNDED) and a refund that cannot be applied is left to staff (FAILED).
 */
export type Fulfilment = 'PENDING' | 'DONE' | 'NOT_NEEDED' | 'REFUNDED' | 'FAILED';

export interface PaymentRecord extends Payment {
  /** The card's token, kept so a payment can be looked up even after the card is unlinked. */
  readonly cardToken: string;
  readonly fulfilment: Fulfilment;
  /** Why the effect could not be applied: the DomainError a client is shown. */
  readonly fulfilmentError?: { readonly code: ErrorCode; readonly message: string };
}

export interface VersionedPayment {
  readonly record: PaymentRecord;
  readonly version: number;
}

const PAYMENTS = {
  name: 'payments',
  indexes: [
    // The guard against double charges: two racing requests with one key cannot both insert.
    { fields: ['customerId', 'idempotencyKey'], unique: true },
    { fields: ['status', 'createdAt'] },
    { fields: ['fulfilment', 'createdAt'] },
    { fields: ['purpose.policyId', 'createdAt'] },
  ],
} as const;

export class PaymentRepository {
  private constructor(private readonly payments: Collection<PaymentRecord>) {}

  static async open(store: DocumentStore): Promise<PaymentRepository> {
    return new PaymentRepository(await store.collection<PaymentRecord>(PAYMENTS));
  }

  /** False when a payment with the same customer and idempotency key exists already. */
  async insertIfKeyFree(record: PaymentRecord): Promise<boolean> {
    try {
      await this.payments.insert(record.id, record);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKey) return false;
      throw error;
    }
  }

  async get(id: string): Promise<VersionedPayment | null> {
    const stored = await this.payments.get(id);
    return stored ? { record: stored.data, version: stored.version } : null;
  }

  async byKey(customerId: string, idempotencyKey: string): Promise<VersionedPayment | null> {
    const page = await this.payments.find({ where: { customerId, idempotencyKey }, first: 1 });
    const stored = page.items[0];
    return stored ? { record: stored.data, version: stored.version } : null;
  }

  /** Throws VersionConflict when another process settled the payment first. */
  async replace(record: PaymentRecord, expectedVersion: number): Promise<number> {
    return (await this.payments.replace(record.id, record, expectedVersion)).version;
  }

  async ofPolicy(policyId: string, first: number): Promise<PaymentRecord[]> {
    const page = await this.payments.find({
      where: { 'purpose.policyId': policyId },
      sort: [{ field: 'createdAt', direction: 'desc' }],
      first,
    });
    return page.items.map((item) => item.data);
  }

  async withStatus(status: PaymentStatus, createdUntil: string, first: number): Promise<VersionedPayment[]> {
    const page = await this.payments.find({ where: { status, createdAt: { lte: createdUntil } }, first });
    return page.items.map((item) => ({ record: item.data, version: item.version }));
  }

  /** How many payments match: a status, a fulfilment, or both. */
  async countWhere(where: {
    readonly status?: PaymentStatus;
    readonly fulfilment?: Fulfilment;
  }): Promise<number> {
    return this.payments.count(where);
  }

  async oldestWithStatus(status: PaymentStatus): Promise<PaymentRecord | null> {
    const page = await this.payments.find({
      where: { status },
      sort: [{ field: 'createdAt', direction: 'asc' }],
      first: 1,
    });
    return page.items[0]?.data ?? null;
  }

  async unfulfilled(first: number): Promise<VersionedPayment[]> {
    const page = await this.payments.find({ where: { fulfilment: 'PENDING' }, first });
    return page.items.map((item) => ({ record: item.data, version: item.version }));
  }
}
