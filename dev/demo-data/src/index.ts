export { demoCustomers, DEMO_CUSTOMER_COUNT, type DemoCustomer } from './customers.ts';
export {
  demoPolicies,
  DEMO_PARTNERS,
  type DemoHolderName,
  type DemoPolicy,
  type DemoPolicyRegistry,
} from './policies.ts';
