export * from './principal.ts';
export * from './consent.ts';
export * from './principalGuards.ts';
export * from './actorReference.ts';
