export * from './graphqlCall.ts';
