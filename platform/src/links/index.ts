export * from './fileRoutes.ts';
export * from './fileLinkConfig.ts';
export * from './linkErrors.ts';
export * from './linkSigner.ts';
export * from './linkSigningKey.ts';
export * from './publicLinks.ts';
