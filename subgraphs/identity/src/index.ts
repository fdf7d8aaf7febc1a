export { start, type IdentityOptions } from './server.ts';
export { loadIdentityConfig, identityConfigSpec, type IdentityConfig } from './config.ts';
export type { CustomerRecord } from './customer/domain/customer.ts';
export type { CustomerRepository } from './customer/storage/customerRepository.ts';
export { identitySchema } from './schema.ts';
