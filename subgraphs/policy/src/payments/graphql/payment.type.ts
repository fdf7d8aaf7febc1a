import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Money, moneyOf } from '../../policy/graphql/money.type.ts';
import {
  CARD_BRAND_LABELS,
  declineError,
  PAYMENT_PENDING_NOTICE,
  PAYMENT_STATUS_LABELS,
  type PaymentMethod as DomainPaymentMethod,
} from '../domain/index.ts';
import type { PaymentRecord } from '../storage/paymentRepository.ts';

@ObjectType({ description: 'A linked card: only what identifies it, never its number' })
export class PaymentMethod {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'MIR, VISA, MASTERCARD, UNIONPAY or JCB' }) brand!: string;
  @Field(() => String) brandLabel!: string;
  @Field(() => String) last4!: string;
  @Field(() => Int) expiryMonth!: number;
  @Field(() => Int) expiryYear!: number;
}

@InputType({ description: 'A card to link; the number goes to the payment provider and is not stored' })
export class AddPaymentMethodInput {
  @Field(() => String, { description: 'Card number, spaces allowed' }) number!: string;
  @Field(() => String, { description: 'MM/YY as printed on the card' }) expiry!: string;
}

@ObjectType({ description: 'A charge (positive) or a refund (negative) on a linked card' })
export class Payment {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'RENEWAL, COVERAGE_CHANGE or INSTALMENT' }) purpose!: string;
  @Field(() => String, { description: 'PENDING, SUCCEEDED or DECLINED' }) status!: string;
  @Field(() => String) statusLabel!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => String, { nullable: true }) declineReason!: string | null;
  @Field(() => String, { nullable: true, description: 'What the customer should know or do' })
  message!: string | null;
  @Field(() => String) createdAt!: string;
  @Field(() => String, { nullable: true }) settledAt!: string | null;
}

export function toPaymentMethod(method: DomainPaymentMethod): PaymentMethod {
  return {
    id: method.id,
    brand: method.brand,
    brandLabel: CARD_BRAND_LABELS[method.brand],
    last4: method.last4,
    expiryMonth: method.expiry.month,
    expiryYear: method.expiry.year,
  };
}

function messageOf(payment: PaymentRecord): string | null {
  if (payment.status === 'PENDING') return PAYMENT_PENDING_NOTICE;
  if (payment.status === 'DECLINED' && payment.declineReason) {
    return declineError(payment.declineReason, payment.id).message;
  }
  return payment.fulfilmentError?.message ?? null;
}

export function toPayment(payment: PaymentRecord): Payment {
  return {
    id: payment.id,
    purpose: payment.purpose.kind,
    status: payment.status,
    statusLabel: PAYMENT_STATUS_LABELS[payment.status],
    amount: moneyOf(payment.amount),
    declineReason: payment.declineReason ?? null,
    message: messageOf(payment),
    createdAt: payment.createdAt,
    settledAt: payment.settledAt ?? null,
  };
}
