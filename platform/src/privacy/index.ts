export * from './consentRevocationReaction.ts';
export * from './customerKeyVault.ts';
export * from './privacyErrors.ts';
export * from './customerLifecycleEventTypes.ts';
