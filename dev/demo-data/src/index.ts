export { demoCustomers, DEMO_CUSTOMER_COUNT, type DemoCustomer } from './customers.ts';
export { demoPolicies, DEMO_PARTNERS, type DemoPolicy, type DemoProduct, type DemoPolicyStatus } from './policies.ts';
