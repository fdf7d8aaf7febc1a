import { UuidScalar } from '@cabinet/platform/scalars';
import { CommonErrors, isDomainError } from '@cabinet/kernel';
import { currentRequestClient, type ActivityRecorder } from '@cabinet/platform/activity';
import { requireAuthenticated, type RequestContext } from '@cabinet/platform/graphql';
import { causedByRequest } from '@cabinet/platform/eventstore';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertOwnSession } from '../domain/sessionAccess.ts';
import type { SessionService } from '../application/sessionService.ts';
import { Session, SessionTokens, SignOutResult } from './session.type.ts';
import { toSession, toSessionTokens } from './toGraphql.ts';

type SessionHolder =
  | { kind: 'customer'; customerId: string; sessionId: string }
  | { kind: 'staff'; staffId: string; sessionId: string };

function sessionHolder(context: RequestContext): SessionHolder & { subjectId: string; actor: string } {
  const principal = requireAuthenticated(context);
  // A partner app holds a client credential, not a session, and has no activity log of its own here.
  if (principal.kind === 'partner') throw CommonErrors.forbidden();
  const subjectId = principal.kind === 'customer' ? principal.customerId : principal.staffId;
  return { ...principal, subjectId, actor: `${principal.kind}:${subjectId}` };
}

@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly activity: ActivityRecorder,
    private readonly esiaLogoutUrl: () => string,
    private readonly now: () => Date,
  ) {}

  @Mutation(() => SessionTokens, {
    description: 'Trades a refresh token for new tokens; the old one stops working',
  })
  async refreshSession(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() context: RequestContext,
  ): Promise<SessionTokens> {
    const client = currentRequestClient();
    try {
      const issued = await this.sessions.refresh(refreshToken);
      const subjectId = issued.session.subjectId;
      await this.activity.record(
        subjectId,
        {
          action: 'SESSION_REFRESHED',
          actor: `${issued.session.subject.kind}:${subjectId}`,
          client,
          details: { sessionId: issued.session.id },
        },
        causedByRequest(context.requestId, 'refreshSession'),
      );
      return toSessionTokens(issued);
    } catch (error) {
      if (isDomainError(error) && error.code === 'REFRESH_TOKEN_REUSED') {
        await this.activity.record(
          'unattributed',
          {
            action: 'SESSION_REFRESHED',
            outcome: 'FAILURE',
            actor: 'anonymous',
            client,
            errorCode: 'REFRESH_TOKEN_REUSED',
          },
          causedByRequest(context.requestId, 'refreshSession'),
        );
      }
      throw error;
    }
  }

  @Mutation(() => SignOutResult, { description: 'Ends the current session' })
  async signOut(@Ctx() context: RequestContext): Promise<SignOutResult> {
    const holder = sessionHolder(context);
    await this.sessions.end(holder.sessionId, 'SIGNED_OUT');
    await this.activity.record(
      holder.subjectId,
      { action: 'SIGN_OUT', actor: holder.actor, details: { sessionId: holder.sessionId } },
      causedByRequest(context.requestId, 'signOut'),
    );
    return Object.assign(new SignOutResult(), {
      signedOut: true,
      esiaLogoutUrl: holder.kind === 'customer' ? this.esiaLogoutUrl() : null,
    });
  }

  @Query(() => [Session], { description: "The caller's sessions, newest first" })
  async mySessions(@Ctx() context: RequestContext): Promise<Session[]> {
    const holder = sessionHolder(context);
    await this.sessions.activeSession(holder.sessionId);
    const now = this.now();
    return (await this.sessions.listFor(holder.subjectId)).map((record) =>
      toSession(record, holder.sessionId, now),
    );
  }

  @Mutation(() => Session, { description: "Ends one of the caller's sessions (another device)" })
  async revokeSession(
    @Arg('id', () => UuidScalar) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Session> {
    const holder = sessionHolder(context);
    await this.sessions.activeSession(holder.sessionId);
    const own = assertOwnSession(await this.sessions.find(id), holder.subjectId);
    const ended = (await this.sessions.end(id, 'REVOKED')) ?? own;
    await this.activity.record(
      holder.subjectId,
      {
        action: 'SESSION_REVOKED',
        actor: holder.actor,
        details: { sessionId: id, bySessionId: holder.sessionId },
      },
      causedByRequest(context.requestId, 'revokeSession'),
    );
    return toSession(ended, holder.sessionId, this.now());
  }
}
