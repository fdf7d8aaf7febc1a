export {
  demoCustomers,
  DEMO_CUSTOMER_COUNT,
  EXISTING_CUSTOMER_ID,
  SECOND_CUSTOMER_ID,
  type DemoCustomer,
} from './customers.ts';
export { OSAGO_IN_FORCE_FOR_DAYS, type CastRole } from './cast.ts';
export { DEMO_PARTNERS } from './partners.ts';
export { DEMO_STAFF } from './staff.ts';
export {
  demoPolicies,
  demoPolicyCast,
  type DemoHolderName,
  type DemoPolicy,
  type DemoPolicyRegistry,
} from './policies.ts';
