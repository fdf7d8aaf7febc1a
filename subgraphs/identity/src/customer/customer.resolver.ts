import { requireCustomer, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fullNameOf, type CustomerRecord } from './customer.ts';
import { assertMaySeeCustomer, customerNotFound } from './customerAccess.ts';
import type { CustomerRepository } from './customerRepository.ts';
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
  async customer(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Customer> {
    assertMaySeeCustomer(context.principal, id);
    return this.load(id);
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
