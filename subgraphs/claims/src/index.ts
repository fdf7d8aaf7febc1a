export { start } from './server.ts';
export { loadClaimsConfig, claimsConfigSpec, type ClaimsConfig } from './config.ts';
export { claimsSchema } from './schema.ts';
