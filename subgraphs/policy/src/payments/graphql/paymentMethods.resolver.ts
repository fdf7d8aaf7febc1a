import { UuidScalar } from '@cabinet/platform/scalars';
import { requireCustomer, requireTrustedCustomer, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { PaymentMethods } from '../application/paymentMethods.ts';
import { AddPaymentMethodInput, PaymentMethod, toPaymentMethod } from './payment.type.ts';

@Resolver(() => PaymentMethod)
export class PaymentMethodsResolver {
  constructor(private readonly methods: PaymentMethods) {}

  @Query(() => [PaymentMethod], { description: "The signed-in customer's linked cards" })
  async paymentMethods(@Ctx() context: RequestContext): Promise<PaymentMethod[]> {
    return (await this.methods.list(requireCustomer(context).customerId)).map(toPaymentMethod);
  }

  @Mutation(() => PaymentMethod, {
    description: 'Links a card; the number is tokenised by the payment provider',
  })
  async addPaymentMethod(
    @Arg('input', () => AddPaymentMethodInput) input: AddPaymentMethodInput,
    @Ctx() context: RequestContext,
  ): Promise<PaymentMethod> {
    const customer = requireTrustedCustomer(context);
    return toPaymentMethod(await this.methods.add(customer.customerId, input));
  }

  @Mutation(() => Boolean, { description: 'Unlinks a card' })
  async removePaymentMethod(
    @Arg('id', () => UuidScalar) id: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.methods.remove(requireCustomer(context).customerId, id);
    return true;
  }
}
