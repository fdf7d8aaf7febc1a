export { demoCustomers, DEMO_CUSTOMER_COUNT, EXISTING_CUSTOMER_ID, type DemoCustomer } from './customers.ts';
export { DEMO_STAFF } from './staff.ts';
export {
  demoPolicies,
  DEMO_PARTNERS,
  type DemoHolderName,
  type DemoPolicy,
  type DemoPolicyRegistry,
} from './policies.ts';
