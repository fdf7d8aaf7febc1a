import { Connection } from '@cabinet/platform/graphql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  COVERAGE_CODES,
  POLICY_STATUSES,
  PRODUCTS,
  type CoverageCode,
  type PolicyStatus,
  type Product,
} from '../domain/index.ts';
import { Money } from './money.type.ts';

function enumOf<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const PolicyProductEnum = enumOf(PRODUCTS);
export const PolicyStatusEnum = enumOf(POLICY_STATUSES);
export const CoverageCodeEnum = enumOf(COVERAGE_CODES);
registerEnumType(PolicyProductEnum, { name: 'PolicyProduct', description: 'Insurance product' });
registerEnumType(PolicyStatusEnum, { name: 'PolicyStatus' });
registerEnumType(CoverageCodeEnum, { name: 'CoverageCode', description: 'A cover a product offers' });

@ObjectType({ description: 'The policy holder (страхователь), as written on the policy' })
export class PolicyHolder {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { description: 'Фамилия Имя Отчество' })
  fullName!: string;
}

@ObjectType()
export class Vehicle {
  @Field(() => String) vin!: string;
  @Field(() => String, { description: 'State registration plate, e.g. А123ВС77' }) plate!: string;
  @Field(() => String) make!: string;
  @Field(() => String) model!: string;
  @Field(() => Int) manufactureYear!: number;
  @Field(() => Int) enginePowerHp!: number;
}

@ObjectType({ description: 'A person insured or allowed to drive' })
export class InsuredPerson {
  @Field(() => String) fullName!: string;
  @Field(() => String, { description: 'yyyy-mm-dd' }) birthDate!: string;
  @Field(() => String, { nullable: true, description: 'Drivers: first licence, yyyy-mm-dd' })
  licensedSince!: string | null;
}

@ObjectType({ description: 'What the policy insures; which parts are set depends on `kind`' })
export class InsuredObject {
  @Field(() => String, { description: 'VEHICLE, PROPERTY, PERSONS or TRAVELLERS' })
  kind!: string;

  @Field(() => [String], { description: 'The object as the policy prints it, one line per fact' })
  description!: string[];

  @Field(() => Vehicle, { nullable: true })
  vehicle!: Vehicle | null;

  @Field(() => Boolean, { nullable: true, description: 'Motor: anyone may drive (no named drivers)' })
  unlimitedDrivers!: boolean | null;

  @Field(() => [InsuredPerson], { description: 'Named drivers, or the insured persons' })
  persons!: InsuredPerson[];

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Mortgage: the lending bank, paid first' })
  beneficiaryBank!: string | null;

  @Field(() => [String], { description: 'Travel: countries of the trip' })
  countries!: string[];
}

@ObjectType()
export class Coverage {
  @Field(() => CoverageCodeEnum) code!: CoverageCode;
  @Field(() => String) label!: string;
  @Field(() => Money) sumInsured!: Money;
  @Field(() => Money, { description: 'Франшиза; zero when there is none' }) deductible!: Money;
}

@ObjectType({ description: 'A line of the premium schedule' })
export class Instalment {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'REGULAR, or ADJUSTMENT for money a coverage change moved' })
  kind!: string;
  @Field(() => String, { description: 'yyyy-mm-dd' }) dueOn!: string;
  @Field(() => Money, { description: 'Negative for a refund' }) amount!: Money;
  @Field(() => String, { description: 'DUE or PAID' }) status!: string;
  @Field(() => String) statusLabel!: string;
  @Field(() => String, { nullable: true }) paidAt!: string | null;
}

@ObjectType({ description: 'A scheduled amount of a quoted term' })
export class ScheduledAmount {
  @Field(() => String) dueOn!: string;
  @Field(() => Money) amount!: Money;
}

@ObjectType()
export class AppliedFactor {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ description: 'base × factors, rounded once to the kopeck' })
export class PremiumComponent {
  @Field(() => String) description!: string;
  @Field(() => Money) base!: Money;
  @Field(() => [AppliedFactor]) factors!: AppliedFactor[];
  @Field(() => Money) amount!: Money;
}

@ObjectType({ description: 'How a premium was calculated' })
export class TariffCalculation {
  @Field(() => Money) premium!: Money;
  @Field(() => [PremiumComponent]) components!: PremiumComponent[];
  @Field(() => [String]) notes!: string[];
}

@ObjectType({ description: 'When the policy can be renewed: 60 days before its end to 30 days after' })
export class RenewalWindow {
  @Field(() => String) opensOn!: string;
  @Field(() => String) closesOn!: string;
}

@ObjectType({ description: 'A document of the policy, behind a short-lived signed link' })
export class PolicyDocument {
  @Field(() => String, { description: 'POLICY: the policy itself' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { description: 'ISO instant the link stops working' }) expiresAt!: string;
}

@ObjectType({ description: 'An insurance policy (полис)' })
@Directive('@key(fields: "id")')
export class Policy {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Policy number as printed on the policy' })
  number!: string;

  @Field(() => PolicyProductEnum)
  product!: Product;

  @Field(() => String, { description: 'The product as customers call it, e.g. «ОСАГО»' })
  productLabel!: string;

  @Field(() => PolicyStatusEnum, { description: 'As of today (a policy past its end is EXPIRED)' })
  status!: PolicyStatus;

  @Field(() => String, { description: 'e.g. «действует»' })
  statusLabel!: string;

  @Field(() => PolicyHolder)
  holder!: PolicyHolder;

  @Field(() => InsuredObject)
  insuredObject!: InsuredObject;

  @Field(() => String, { description: 'First day of cover, yyyy-mm-dd' })
  periodStart!: string;

  @Field(() => String, { description: 'Last day of cover, yyyy-mm-dd' })
  periodEnd!: string;

  @Field(() => Int)
  termMonths!: number;

  @Field(() => [Coverage])
  coverages!: Coverage[];

  @Field(() => Money, { description: 'The premium of the term, including coverage changes' })
  premium!: Money;

  @Field(() => TariffCalculation, {
    description: "How the premium of the term was priced from the holder's facts (not for partners)",
  })
  tariff!: TariffCalculation;

  @Field(() => [Instalment], { description: 'The premium schedule' })
  instalments!: Instalment[];

  @Field(() => RenewalWindow)
  renewalWindow!: RenewalWindow;

  @Field(() => ID, { nullable: true, description: 'The term this one continues' })
  renewalOf!: string | null;

  @Field(() => ID, { nullable: true, description: 'The term that continues this one' })
  renewedBy!: string | null;

  @Field(() => String, { description: 'ISO instant the term was issued' })
  issuedAt!: string;

  /** For the claims service's own checks; hidden from the public graph. */
  @Field(() => ID, { nullable: true })
  @Directive('@inaccessible')
  soldByPartnerId!: string | null;
}

@ObjectType()
export class PolicyConnection extends Connection(Policy) {}
