export * from './keyRing.ts';
export * from './tokenClaims.ts';
export * from './accessTokens.ts';
export * from './endedSessions.ts';
export * from './endedSessionsFeed.ts';
