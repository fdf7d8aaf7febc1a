export * from './errorCode.ts';
export * from './domainError.ts';
