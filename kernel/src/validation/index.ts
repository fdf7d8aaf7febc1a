export * from './result.ts';
export * from './inn.ts';
export * from './snils.ts';
export * from './phone.ts';
export * from './passport.ts';
