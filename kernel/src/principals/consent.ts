/**
 * The version of the 152-ФЗ consent document in force. Identity publishes the document itself; every
 * subgraph compares a customer's accepted version (carried in the access token) with this one.
 */
export const CURRENT_CONSENT_VERSION = '2026-03';
