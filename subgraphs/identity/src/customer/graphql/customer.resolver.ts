import { CommonErrors, formatSnils } from '@cabinet/kernel';
import { requireCustomer, requireStaff, type RequestContext } from '@cabinet/platform/graphql';
import { InnScalar, SnilsScalar, UuidScalar } from '@cabinet/platform/scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { fullNameOf, type CustomerRecord } from '../domain/customer.ts';
import { assertMaySeeCustomer, customerNotFound } from '../domain/customerAccess.ts';
import type { CustomerRepository } from '../storage/customerRepository.ts';
import { Customer } from './customer.type.ts';

export function toCustomer(record: CustomerRecord): Customer {
  return Object.assign(new Customer(), {
    id: record.id,
    fullName: fullNameOf(record),
    lastName: record.lastName,
    firstName: record.firstName,
    middleName: record.middleName,
    birthDate: record.birthDate,
    phone: record.phone,
    email: record.email,
  });
}

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly customers: CustomerRepository) {}

  @Query(() => Customer, { description: 'The signed-in customer' })
  async me(@Ctx() context: RequestContext): Promise<Customer> {
    const { customerId } = requireCustomer(context);
    return this.load(customerId);
  }

  @Query(() => Customer, { description: 'A customer by id: the customer themselves or staff' })
  async customer(@Arg('id', () => UuidScalar) id: string, @Ctx() context: RequestContext): Promise<Customer> {
    assertMaySeeCustomer(context.principal, id);
    return this.load(id);
  }

  @Query(() => Customer, {
    nullable: true,
    description:
      'Staff: the customer with this INN or SNILS (exactly one of the two), or null when there is none',
  })
  async findCustomer(
    @Arg('inn', () => InnScalar, { nullable: true }) inn: string | null | undefined,
    @Arg('snils', () => SnilsScalar, { nullable: true }) snils: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Customer | null> {
    requireStaff(context);
    if ([inn, snils].filter((given) => given !== null && given !== undefined).length !== 1) {
      throw CommonErrors.badInput('inn', 'Укажите ИНН или СНИЛС клиента: что-то одно.');
    }
    const found = await this.customers.find(
      inn ? { by: 'inn', inn } : { by: 'snils', snils: formatSnils(snils ?? '') },
    );
    return found ? toCustomer(found.data) : null;
  }

  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Customer> {
    assertMaySeeCustomer(context.principal, reference.id);
    return this.load(reference.id);
  }

  private async load(id: string): Promise<Customer> {
    const record = await this.customers.get(id);
    if (!record) throw customerNotFound();
    return toCustomer(record);
  }
}
