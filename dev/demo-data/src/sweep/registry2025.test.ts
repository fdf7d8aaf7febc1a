import { describe } from 'vitest';
import { sweepRegistryOver } from './sweepRegistry.ts';

describe('the demo registry on every day of 2025', () => sweepRegistryOver(2025));
