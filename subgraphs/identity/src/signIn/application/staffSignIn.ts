import type { RequestClient } from '@cabinet/contracts';
import type { EventCause } from '@cabinet/platform/eventstore';
import type { ActivityRecorder } from '@cabinet/platform/activity';
import { accountAtIpKey, ipKey, type RateLimiter } from '../../rateLimit/application/rateLimiter.ts';
import { SIGN_IN_BACKOFF } from '../../rateLimit/domain/failureBackoff.ts';
import type { WindowLimit } from '../../rateLimit/domain/fixedWindow.ts';
import type { HashQueue } from '../../secrets/application/hashQueue.ts';
import type { IssuedSession, SessionService } from '../../session/application/sessionService.ts';
import { UNKNOWN_ACCOUNT_HASH, verifySecret } from '../../staff/application/password.ts';
import { invalidCredentials, normalizeLogin } from '../../staff/domain/staffRecord.ts';
import type { StaffRepository } from '../../staff/storage/staffRepository.ts';

export interface StaffSignInDeps {
  readonly staff: StaffRepository;
  readonly sessions: SessionService;
  readonly limiter: RateLimiter;
  readonly hashes: HashQueue;
  readonly activity: ActivityRecorder;
  readonly perIp: WindowLimit;
}

export class StaffSignIn {
  constructor(private readonly deps: StaffSignInDeps) {}

  async signIn(
    login: string,
    password: string,
    client: RequestClient,
    cause: EventCause,
    signal?: AbortSignal,
  ): Promise<IssuedSession> {
    const normalized = normalizeLogin(login);
    // Wrong passwords slow down the address they come from, not the account: nobody can lock staff out.
    const failureKey = accountAtIpKey(`staff:${normalized}`, client);
    await this.deps.limiter.consume(ipKey(client), this.deps.perIp);
    await this.deps.limiter.assertNoBackoff(failureKey, SIGN_IN_BACKOFF);
    const staff = await this.deps.staff.byLogin(normalized);
    const genuine = await this.deps.hashes.run(
      ipKey(client),
      () => verifySecret(password, staff?.passwordHash ?? UNKNOWN_ACCOUNT_HASH),
      signal,
    );
    if (!staff || !staff.active || !genuine) {
      await this.deps.limiter.recordFailure(failureKey, SIGN_IN_BACKOFF);
      await this.deps.activity.record(
        staff?.id ?? 'unattributed',
        {
          action: 'SIGN_IN',
          outcome: 'FAILURE',
          actor: staff ? `staff:${staff.id}` : 'anonymous',
          client,
          errorCode: 'INVALID_CREDENTIALS',
          details: { method: 'PASSWORD' },
        },
        cause,
      );
      throw invalidCredentials();
    }
    await this.deps.limiter.clearFailures(failureKey);
    const session = await this.deps.sessions.open(
      { kind: 'staff', staffId: staff.id, roles: staff.roles },
      'PASSWORD',
      client,
    );
    await this.deps.activity.record(
      staff.id,
      {
        action: 'SIGN_IN',
        actor: `staff:${staff.id}`,
        client,
        details: { method: 'PASSWORD', sessionId: session.session.id },
      },
      cause,
    );
    return session;
  }
}
