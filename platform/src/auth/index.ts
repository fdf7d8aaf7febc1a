export * from './keyRing.ts';
export * from './tokenClaims.ts';
export * from './accessTokens.ts';
