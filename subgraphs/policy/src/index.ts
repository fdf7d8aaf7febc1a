export { start } from './server.ts';
export { loadPolicyConfig, policyConfigSpec, type PolicyConfig } from './config.ts';
export { policySchema } from './schema.ts';
