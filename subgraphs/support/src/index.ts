export { start } from './server.ts';
export { loadSupportConfig, supportConfigSpec, type SupportConfig } from './config.ts';
export { supportSchema } from './schema.ts';
