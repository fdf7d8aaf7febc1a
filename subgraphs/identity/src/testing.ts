/**
 * What tests reach inside identity without going through the graph: the stores and the erasure job,
 * and the ESIA client with what it is built from, for the tests that hold it against the ESIA emulator.
 */
export { runDueErasures } from './consent/application/erasureJob.ts';
export { ErasureRepository } from './consent/storage/erasureRepository.ts';
export { CustomerRepository } from './customer/storage/customerRepository.ts';
export { SessionRepository } from './session/storage/sessionRepository.ts';
export { DEFAULT_ESIA_SCOPES, ESIA_ISSUER, type EsiaClientConfig } from './esia/application/config.ts';
export { createEsiaClient, type EsiaClient } from './esia/application/esiaClient.ts';
export { esiaErrorToDomainError } from './esia/application/errors.ts';
export { createKeySigner } from './esia/application/keySigner.ts';
export { createJoseEsiaTokenVerifier, type EsiaTokenVerifier } from './esia/application/tokenVerifier.ts';
