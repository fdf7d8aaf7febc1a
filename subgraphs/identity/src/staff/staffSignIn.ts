import type { ActivityRecorder, RequestClient } from '@cabinet/platform/activity';
import type { RateLimiter } from '../rateLimit/rateLimiter.ts';
import type { WindowLimit } from '../rateLimit/fixedWindow.ts';
import type { IssuedSession, SessionService } from '../session/sessionService.ts';
import { ipKey } from '../signIn/gosuslugiSignIn.ts';
import { UNKNOWN_ACCOUNT_HASH, verifySecret } from './password.ts';
import { invalidCredentials, normalizeLogin } from './staffRecord.ts';
import type { StaffRepository } from './staffRepository.ts';

/** Five wrong passwords lock a login for 15 minutes (the same rule ESIA applies to people). */
export const STAFF_LOCKOUT: WindowLimit = { max: 5, windowMs: 15 * 60 * 1000 };

export interface StaffSignInDeps {
  readonly staff: StaffRepository;
  readonly sessions: SessionService;
  readonly limiter: RateLimiter;
  readonly activity: ActivityRecorder;
  readonly perIp: WindowLimit;
}

export class StaffSignIn {
  constructor(private readonly deps: StaffSignInDeps) {}

  async signIn(
    login: string,
    password: string,
    client: RequestClient,
    correlationId: string,
  ): Promise<IssuedSession> {
    const normalized = normalizeLogin(login);
    const lockKey = `staff:${normalized}`;
    await this.deps.limiter.consume(ipKey(client), this.deps.perIp);
    await this.deps.limiter.assertOpen(lockKey, STAFF_LOCKOUT);
    const staff = await this.deps.staff.byLogin(normalized);
    const genuine = await verifySecret(password, staff?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (!staff || !staff.active || !genuine) {
      await this.deps.limiter.consume(lockKey, STAFF_LOCKOUT);
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
        correlationId,
      );
      throw invalidCredentials();
    }
    await this.deps.limiter.reset(lockKey);
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
      correlationId,
    );
    return session;
  }
}
