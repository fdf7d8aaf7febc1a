export { seedDemoData, type SeedOptions, type Seeded } from './seedDemoData.ts';
