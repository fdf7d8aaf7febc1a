import { toApiMoney, type Money as DomainMoney } from '@cabinet/kernel';
import { MoneyAmountScalar } from '@cabinet/platform/scalars';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Money: a decimal string with exactly two decimals ("12345.67") and an ISO 4217 code',
})
@Directive('@shareable')
export class Money {
  @Field(() => String)
  amount!: string;

  @Field(() => String, { description: 'RUB or EUR' })
  currency!: string;
}

@InputType({ description: 'Money as the API writes it: "12345.67" and a currency code' })
export class MoneyInput {
  @Field(() => MoneyAmountScalar)
  amount!: string;

  @Field(() => String)
  currency!: string;
}

export function moneyOf(amount: DomainMoney): Money {
  return toApiMoney(amount);
}
