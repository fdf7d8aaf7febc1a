import { DomainError, moscowDate } from '@cabinet/kernel';
import {
  assertPaymentMethodUsable,
  normalizeCardNumber,
  summarizeCard,
  type PaymentMethod,
} from './domain/index.ts';
import type { PaymentMethodRepository } from './paymentMethodRepository.ts';
import type { PaymentProvider } from './paymentProvider.ts';
import type { PaymentClock } from './paymentProcessor.ts';

const notFound = () =>
  new DomainError(
    'PAYMENT_METHOD_NOT_FOUND',
    'Карта не найдена. Выберите карту из списка или добавьте новую.',
    {
      field: 'paymentMethodId',
    },
  );

/** A customer's linked cards: the number goes to the provider once; we keep brand, last 4, expiry, token. */
export class PaymentMethods {
  constructor(
    private readonly methods: PaymentMethodRepository,
    private readonly provider: PaymentProvider,
    private readonly clock: PaymentClock,
  ) {}

  list(customerId: string): Promise<PaymentMethod[]> {
    return this.methods.ofCustomer(customerId);
  }

  async add(
    customerId: string,
    card: { readonly number: string; readonly expiry: string },
  ): Promise<PaymentMethod> {
    const now = this.clock.now();
    const summary = summarizeCard(card, moscowDate(now));
    const method: PaymentMethod = {
      ...summary,
      id: this.clock.newId(),
      customerId,
      providerToken: await this.provider.tokenizeCard(normalizeCardNumber(card.number)),
      addedAt: now.toISOString(),
    };
    await this.methods.insert(method);
    return method;
  }

  async remove(customerId: string, id: string): Promise<void> {
    const method = await this.methods.get(id);
    if (!method || method.customerId !== customerId) throw notFound();
    await this.methods.delete(id);
  }

  /** The customer's own card, not expired; anyone else's card is "not found". */
  async usable(customerId: string, id: string): Promise<PaymentMethod> {
    return assertPaymentMethodUsable(await this.methods.get(id), customerId, moscowDate(this.clock.now()));
  }
}
