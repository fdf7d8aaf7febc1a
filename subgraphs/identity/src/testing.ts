/** What tests reach inside identity without going through the graph: the stores and the erasure job. */
export { runDueErasures } from './consent/erasureJob.ts';
export { ErasureRepository } from './consent/erasureRepository.ts';
export { CustomerRepository } from './customer/customerRepository.ts';
export { SessionRepository } from './session/sessionRepository.ts';
