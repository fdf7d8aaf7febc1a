export * from './contentDisposition.ts';
export * from './fileErrors.ts';
export * from './fileName.ts';
export * from './fileType.ts';
export * from './linkSigningKey.ts';
export * from './publicFiles.ts';
export * from './signedLinks.ts';
export * from './signedUpload.ts';
