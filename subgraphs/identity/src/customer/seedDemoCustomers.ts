import type { CustomerRepository } from './customerRepository.ts';

/** Fills an empty customer store with the demo registry; a store that has customers is left alone. */
export async function seedDemoCustomers(customers: CustomerRepository): Promise<number> {
  if ((await customers.count()) > 0) return 0;
  const { demoCustomers } = await import('@cabinet/demo-data');
  const registry = demoCustomers();
  for (const customer of registry) {
    await customers.insert({
      id: customer.id,
      lastName: customer.lastName,
      firstName: customer.firstName,
      middleName: customer.middleName,
      birthDate: customer.birthDate,
      gender: customer.gender,
      snils: customer.snils,
      inn: customer.inn,
      passport: customer.passport,
      phone: customer.phone,
      email: customer.email,
      registrationAddress: null,
      esiaOid: null,
      esiaTrusted: null,
      consentVersion: null,
      createdAt: customer.createdAt,
      updatedAt: customer.createdAt,
    });
  }
  return registry.length;
}
