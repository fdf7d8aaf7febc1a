export * from './internalRequestProof.ts';
