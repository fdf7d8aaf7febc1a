import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SignInMethodType {
  GOSUSLUGI = 'GOSUSLUGI',
  PASSWORD = 'PASSWORD',
}
registerEnumType(SignInMethodType, { name: 'SignInMethod', description: 'How the session was opened' });

@ObjectType({ description: 'Tokens of a signed-in session: keep the refresh token secret, it is shown once' })
export class SessionTokens {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => String, { description: 'ES256 JWT for `Authorization: Bearer`, valid 15 minutes' })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Opaque, single use: `refreshSession` returns the next one' })
  refreshToken!: string;

  @Field(() => Date, { description: 'Refresh before this (30 minutes idle, 12 hours at most)' })
  refreshTokenExpiresAt!: Date;

  @Field(() => Boolean, {
    description: 'The customer must accept the consent (`acceptConsent`) before anything else',
  })
  consentRequired!: boolean;

  @Field(() => Boolean, { description: 'A confirmed Gosuslugi account; claims and payments need one' })
  trusted!: boolean;
}

@ObjectType({ description: 'A fresh access token for the current session' })
export class AccessToken {
  @Field(() => String)
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;
}

@ObjectType({ description: 'A signed-in session of the caller' })
export class Session {
  @Field(() => ID)
  id!: string;

  @Field(() => SignInMethodType)
  method!: SignInMethodType;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  lastUsedAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Boolean, { description: 'The session this request belongs to' })
  current!: boolean;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;
}

@ObjectType()
export class SignOutResult {
  @Field(() => Boolean)
  signedOut!: boolean;

  @Field(() => String, { nullable: true, description: 'Open it to end the Gosuslugi session too' })
  esiaLogoutUrl!: string | null;
}
