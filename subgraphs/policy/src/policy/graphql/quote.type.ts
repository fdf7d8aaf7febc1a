import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { CoverageCode } from '../domain/index.ts';
import { Money, MoneyInput } from './money.type.ts';
import { Coverage, CoverageCodeEnum, Instalment, ScheduledAmount, TariffCalculation } from './policy.type.ts';

@ObjectType({ description: 'The price of the next term; valid 24 hours' })
export class RenewalQuote {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyId!: string;
  @Field(() => Int) termMonths!: number;
  @Field(() => String) periodStart!: string;
  @Field(() => String) periodEnd!: string;
  @Field(() => [Coverage]) coverages!: Coverage[];
  @Field(() => Money) premium!: Money;
  @Field(() => TariffCalculation) tariff!: TariffCalculation;
  @Field(() => [ScheduledAmount]) instalments!: ScheduledAmount[];
  @Field(() => Money, { description: 'What renewPolicy charges: the first instalment' }) amountDueNow!: Money;
  @Field(() => Boolean, { description: 'ОСАГО: the next term is a new contract with a new number' })
  newContract!: boolean;
  @Field(() => String) expiresAt!: string;
}

@ObjectType({
  description: 'The price of a change of sums insured for the rest of the period; valid 24 hours',
})
export class CoverageChangeQuote {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyId!: string;
  @Field(() => String) effectiveFrom!: string;
  @Field(() => Int) remainingDays!: number;
  @Field(() => Int) periodDays!: number;
  @Field(() => [Coverage]) coverages!: Coverage[];
  @Field(() => Money) fullTermPremiumBefore!: Money;
  @Field(() => Money) fullTermPremiumAfter!: Money;
  @Field(() => Money, { description: 'Negative when sums go down' }) premiumDelta!: Money;
  @Field(() => Money, { description: 'Charged (> 0) or refunded (< 0) at confirmation' })
  amountDueNow!: Money;
  @Field(() => [Instalment], { description: 'The schedule once confirmed' }) instalments!: Instalment[];
  @Field(() => String) expiresAt!: string;
}

@InputType({ description: 'A new sum insured (and optionally deductible) for one cover of the policy' })
export class CoverageChangeInput {
  @Field(() => CoverageCodeEnum) code!: CoverageCode;
  @Field(() => MoneyInput) sumInsured!: MoneyInput;
  @Field(() => MoneyInput, { nullable: true, description: 'Omitted: the deductible stays' })
  deductible!: MoneyInput | null;
}
