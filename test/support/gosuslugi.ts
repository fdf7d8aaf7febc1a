import { ESIA_TEST_PERSONS } from '@cabinet/esia-emulator/seed';
import { signInThroughEsia } from '@cabinet/esia-emulator/testing';
import { graphql, type GraphQLResponse } from './graphqlClient.ts';
import type { TestSystem } from './testSystem.ts';

export type EsiaPersonKey = keyof typeof ESIA_TEST_PERSONS;
/** Whatever the calls go through: a test system, or a system `npm start` started. */
type Gateway = Pick<TestSystem, 'gatewayUrl'>;

export interface SessionTokens {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  consentRequired: boolean;
  trusted: boolean;
}

const SESSION_FIELDS =
  'sessionId accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt consentRequired trusted';

export async function beginSignIn(
  system: Gateway & Partial<Pick<TestSystem, 'redirectUris'>>,
  redirectUri: string | undefined = system.redirectUris?.web,
) {
  if (redirectUri === undefined) throw new Error('name the redirect URI the sign-in returns to');
  return graphql<{ beginGosuslugiSignIn: { attemptId: string; authorizationUrl: string } }>(
    system.gatewayUrl,
    /* GraphQL */ `
      mutation ($uri: String!) {
        beginGosuslugiSignIn(redirectUri: $uri) {
          attemptId
          authorizationUrl
          expiresAt
        }
      }
    `,
    { variables: { uri: redirectUri } },
  );
}

export function completeSignIn(
  system: Gateway,
  variables: {
    attemptId: string;
    state: string;
    code?: string | null;
    error?: string | null;
    errorDescription?: string | null;
  },
): Promise<GraphQLResponse<{ completeGosuslugiSignIn: SessionTokens }>> {
  return graphql(
    system.gatewayUrl,
    /* GraphQL */ `mutation ($attemptId: UUID!, $state: String!, $code: String, $error: String, $errorDescription: String) {
      completeGosuslugiSignIn(attemptId: $attemptId, state: $state, code: $code, error: $error, errorDescription: $errorDescription) { ${SESSION_FIELDS} }
    }`,
    { variables },
  );
}

/** The browser part: the person logs in at the (emulated) Gosuslugi; resolves to the redirect URI it lands on. */
export async function passEsia(
  system: TestSystem,
  authorizationUrl: string,
  key: EsiaPersonKey,
  options: { consent?: 'allow' | 'deny'; esiaOrigin?: string } = {},
): Promise<URL> {
  const person = ESIA_TEST_PERSONS[key];
  const seenBefore = system.smsCount(person.oid);
  return signInThroughEsia(options.esiaOrigin ?? system.esiaUrl, authorizationUrl, {
    login: person.snils,
    password: person.password,
    smsCode: () => system.nextSmsCode(person.oid, seenBefore),
    consent: options.consent ?? 'allow',
  });
}

export function callbackOf(url: URL) {
  return {
    state: url.searchParams.get('state') ?? '',
    code: url.searchParams.get('code'),
    error: url.searchParams.get('error'),
    errorDescription: url.searchParams.get('error_description'),
  };
}

/** The whole sign-in as a web frontend and its user do it, through the gateway. */
export async function signInAs(
  system: TestSystem,
  key: EsiaPersonKey,
  options: { esiaOrigin?: string } = {},
): Promise<GraphQLResponse<{ completeGosuslugiSignIn: SessionTokens }>> {
  const begun = await beginSignIn(system);
  const start = begun.data?.beginGosuslugiSignIn;
  if (!start) throw new Error(`beginGosuslugiSignIn failed: ${JSON.stringify(begun.errors)}`);
  const landing = await passEsia(system, start.authorizationUrl, key, options);
  return completeSignIn(system, { attemptId: start.attemptId, ...callbackOf(landing) });
}

export async function acceptConsent(system: Gateway, token: string): Promise<string> {
  const response = await graphql<{ acceptConsent: { access: { accessToken: string } } }>(
    system.gatewayUrl,
    /* GraphQL */ `
      mutation ($v: String!) {
        acceptConsent(version: $v) {
          consent {
            version
            action
          }
          access {
            accessToken
          }
        }
      }
    `,
    { token, variables: { v: await consentVersion(system) } },
  );
  const accessToken = response.data?.acceptConsent.access.accessToken;
  if (!accessToken) throw new Error(`acceptConsent failed: ${JSON.stringify(response.errors)}`);
  return accessToken;
}

export async function consentVersion(system: Gateway): Promise<string> {
  const response = await graphql<{ consentDocument: { version: string } }>(
    system.gatewayUrl,
    '{ consentDocument { version } }',
  );
  return response.data!.consentDocument.version;
}
