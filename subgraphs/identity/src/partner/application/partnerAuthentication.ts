import type { RequestClient } from '@cabinet/contracts';
import { accountAtIpKey, ipKey, type RateLimiter } from '../../rateLimit/application/rateLimiter.ts';
import type { BackoffRule } from '../../rateLimit/domain/failureBackoff.ts';
import type { WindowLimit } from '../../rateLimit/domain/fixedWindow.ts';
import type { HashQueue } from '../../secrets/application/hashQueue.ts';
import { verifySecret } from '../../staff/application/password.ts';
import type { PartnerClientRecord } from '../domain/partnerClient.ts';
import type { PartnerRepository } from '../storage/partnerRepository.ts';
import { isPartnerSecretHash, UNKNOWN_CLIENT_HASH, verifyPartnerSecret } from './partnerSecret.ts';

export interface PartnerAuthenticationDeps {
  readonly partners: PartnerRepository;
  readonly limiter: RateLimiter;
  readonly hashes: HashQueue;
  readonly limits: {
    /** Token requests one client address may make per window, counted before anything is checked. */
    readonly perIp: WindowLimit;
    /** Waits after wrong secrets for one client id from one address. */
    readonly failures: BackoffRule;
  };
}

/**
 * Checks a partner's client credentials. The limits apply before the secret is hashed: a refused
 * request costs two reads of the store, never a hash. TOO_MANY_ATTEMPTS when a limit refuses.
 */
export class PartnerAuthentication {
  constructor(private readonly deps: PartnerAuthenticationDeps) {}

  async authenticate(
    clientId: string,
    secret: string,
    client: RequestClient,
    signal: AbortSignal | undefined,
  ): Promise<PartnerClientRecord | null> {
    const failureKey = accountAtIpKey(`partner:${clientId}`, client);
    await this.deps.limiter.consume(`partner-token:${client.ip ?? 'unknown'}`, this.deps.limits.perIp);
    await this.deps.limiter.assertNoBackoff(failureKey, this.deps.limits.failures);
    const record = await this.deps.partners.get(clientId);
    const genuine = await this.verify(secret, record?.secretHash ?? UNKNOWN_CLIENT_HASH, client, signal);
    if (!record || !record.active || !genuine) {
      await this.deps.limiter.recordFailure(failureKey, this.deps.limits.failures);
      return null;
    }
    await this.deps.limiter.clearFailures(failureKey);
    return record;
  }

  private verify(
    secret: string,
    stored: string,
    client: RequestClient,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    if (isPartnerSecretHash(stored)) return Promise.resolve(verifyPartnerSecret(secret, stored));
    return this.deps.hashes.run(ipKey(client), () => verifySecret(secret, stored), signal);
  }
}
