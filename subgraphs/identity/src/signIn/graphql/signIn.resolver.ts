import { UuidScalar } from '@cabinet/platform/scalars';
import { currentRequestClient } from '@cabinet/platform/activity';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { currentRequestSignal } from '../../secrets/application/requestSignal.ts';
import { SessionTokens } from '../../session/graphql/session.type.ts';
import { toSessionTokens } from '../../session/graphql/toGraphql.ts';
import type { GosuslugiSignIn } from '../application/gosuslugiSignIn.ts';
import type { StaffSignIn } from '../application/staffSignIn.ts';
import { causedByRequest } from '@cabinet/platform/eventstore';
import { GosuslugiSignInStart } from './signIn.type.ts';

/** The ways in: through Gosuslugi for customers, with login and password for staff. Each opens a session. */
@Resolver()
export class SignInResolver {
  constructor(
    private readonly gosuslugi: GosuslugiSignIn,
    private readonly staff: StaffSignIn,
  ) {}

  @Mutation(() => GosuslugiSignInStart, {
    description: 'Starts a sign-in through Gosuslugi (web and mobile)',
  })
  async beginGosuslugiSignIn(
    @Arg('redirectUri', () => String) redirectUri: string,
  ): Promise<GosuslugiSignInStart> {
    const started = await this.gosuslugi.begin(redirectUri, currentRequestClient());
    return Object.assign(new GosuslugiSignInStart(), started);
  }

  @Mutation(() => SessionTokens, {
    description:
      'Finishes the sign-in with what Gosuslugi put on the redirect URI (code and state, or error)',
  })
  async completeGosuslugiSignIn(
    @Arg('attemptId', () => UuidScalar) attemptId: string,
    @Arg('state', () => String) state: string,
    @Arg('code', () => String, { nullable: true }) code: string | undefined,
    @Arg('error', () => String, { nullable: true }) error: string | undefined,
    @Arg('errorDescription', () => String, { nullable: true }) errorDescription: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<SessionTokens> {
    const completed = await this.gosuslugi.complete(
      {
        attemptId,
        state,
        code: code ?? undefined,
        error: error ?? undefined,
        errorDescription: errorDescription ?? undefined,
      },
      currentRequestClient(),
      causedByRequest(context.requestId, 'completeGosuslugiSignIn'),
    );
    return toSessionTokens(completed);
  }

  @Mutation(() => SessionTokens, { description: 'Sign-in of insurer staff with login and password' })
  async staffSignIn(
    @Arg('login', () => String) login: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: RequestContext,
  ): Promise<SessionTokens> {
    return toSessionTokens(
      await this.staff.signIn(
        login,
        password,
        currentRequestClient(),
        causedByRequest(context.requestId, 'staffSignIn'),
        currentRequestSignal(),
      ),
    );
  }
}
