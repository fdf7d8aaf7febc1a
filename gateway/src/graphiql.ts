import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { CLIENT_NAME_HEADER } from './limits/limitsFromConfig.ts';

type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

export interface ExampleTab {
  readonly query: string;
  readonly variables: string;
  readonly headers: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
/** Empty, as GraphiQL leaves a tab's headers: it tells its tabs apart by query, variables and headers. */
const NO_HEADERS = '';
const CUSTOMER_HEADERS = json({ authorization: 'Bearer <accessToken from the sign-in page>' });

function signInTab(callbackUrl: string | undefined): ExampleTab {
  const easyWay = callbackUrl
    ? [
        `# The easy way: the sign-in page ${new URL('/', callbackUrl).toString()} does both steps in the`,
        '# browser, accepts the consent and shows the headers to paste into the other tabs.',
        '#',
      ]
    : [];
  return {
    query: [
      '# Sign-in through Gosuslugi (the ESIA emulator in the embedded profile).',
      ...easyWay,
      '# By hand: run BeginGosuslugiSignIn and open its authorizationUrl; log in as a test person',
      '# (`npm start` prints them; the SMS code is in the esia log). Gosuslugi sends the browser back',
      '# to redirectUri with `code` and `state`: put them and the attemptId into the variables and run',
      '# CompleteGosuslugiSignIn. RefreshSession trades the single-use refreshToken for new tokens.',
      'mutation BeginGosuslugiSignIn($redirectUri: String!) {',
      '  beginGosuslugiSignIn(redirectUri: $redirectUri) {',
      '    attemptId',
      '    authorizationUrl',
      '    expiresAt',
      '  }',
      '}',
      '',
      'mutation CompleteGosuslugiSignIn($attemptId: UUID!, $state: String!, $code: String) {',
      '  completeGosuslugiSignIn(attemptId: $attemptId, state: $state, code: $code) {',
      '    accessToken',
      '    accessTokenExpiresAt',
      '    refreshToken',
      '    consentRequired',
      '    trusted',
      '  }',
      '}',
      '',
      'mutation RefreshSession($refreshToken: String!) {',
      '  refreshSession(refreshToken: $refreshToken) {',
      '    accessToken',
      '    accessTokenExpiresAt',
      '    refreshToken',
      '  }',
      '}',
      '',
    ].join('\n'),
    variables: json({
      redirectUri: callbackUrl ?? '<a redirect URI listed in identity’s ESIA_REDIRECT_URIS>',
      attemptId: '<attemptId from BeginGosuslugiSignIn>',
      state: '<state from the redirect>',
      code: '<code from the redirect>',
      refreshToken: '<refreshToken>',
    }),
    headers: NO_HEADERS,
  };
}

const CONSENT_TAB: ExampleTab = {
  query: `# A first sign-in gets CONSENT_REQUIRED everywhere until the consent in force is accepted;
# AcceptConsent gives the access token to use from then on.
query ConsentDocument {
  consentDocument {
    version
    title
    purposes
  }
}

mutation AcceptConsent($version: String!) {
  acceptConsent(version: $version) {
    access {
      accessToken
      accessTokenExpiresAt
    }
  }
}
`,
  variables: json({ version: '<version from ConsentDocument>' }),
  headers: CUSTOMER_HEADERS,
};

const POLICIES_TAB: ExampleTab = {
  query: `# The signed-in customer and their policies: paste your token into Headers below.
query MyPolicies {
  me {
    fullName
    policies(first: 10) {
      totalCount
      nodes {
        id
        number
        productLabel
        statusLabel
        periodStart
        periodEnd
        premium {
          amount
          currency
        }
      }
    }
  }
}
`,
  variables: json({}),
  headers: CUSTOMER_HEADERS,
};

const CLAIM_TAB: ExampleTab = {
  query: `# The customer's claims, then one of them with its timeline (an id from MyClaims in the variables).
query MyClaims {
  me {
    claims(first: 10) {
      totalCount
      nodes {
        id
        number
        statusLabel
        submittedAt
        cursor
      }
    }
  }
}

query Claim($claimId: UUID!) {
  claim(id: $claimId) {
    number
    status
    statusLabel
    policy {
      number
      productLabel
    }
    nextDeadline {
      kind
      dueOn
    }
    timeline {
      at
      actorLabel
      what
      details
    }
  }
}
`,
  variables: json({ claimId: '<id from MyClaims>' }),
  headers: CUSTOMER_HEADERS,
};

const SUBSCRIPTION_TAB: ExampleTab = {
  query: `# Status changes of a claim as they happen (over SSE). With \`after\` (a claim's cursor from
# MyClaims) every later change arrives first, then live ones; without it, only live ones.
subscription ClaimStatusChanged($claimId: UUID, $after: String) {
  claimStatusChanged(claimId: $claimId, after: $after) {
    cursor
    claimNumber
    previousStatus
    status
    statusLabel
    changedAt
  }
}
`,
  variables: json({ claimId: '<id from MyClaims>', after: null }),
  headers: CUSTOMER_HEADERS,
};

/** The example operations GraphiQL opens with, one tab each, in the order a newcomer needs them. */
export function exampleTabs(signInCallbackUrl: string | undefined): readonly [ExampleTab, ...ExampleTab[]] {
  return [signInTab(signInCallbackUrl), CONSENT_TAB, POLICIES_TAB, CLAIM_TAB, SUBSCRIPTION_TAB];
}

/**
 * GraphiQL of the embedded profile (production has none). `query` and `variables` are read by Yoga's
 * GraphiQL though its options type leaves them out: GraphiQL fills the editors of the tab it opens on
 * from them, not from that tab's entry, and recognises the tab by them on a return visit.
 */
export function graphiqlOptions(
  signInCallbackUrl: string | undefined,
): GraphiQLOptions & { readonly query: string; readonly variables: string } {
  const [first, ...rest] = exampleTabs(signInCallbackUrl);
  return {
    title: 'Личный кабинет — GraphQL',
    defaultTabs: [first, ...rest],
    query: first.query,
    variables: first.variables,
    // GraphiQL's SSE subscriptions are GET requests, which the CSRF check refuses without a header a
    // cross-site form cannot send; GraphiQL names itself on every request, so they pass.
    additionalHeaders: { [CLIENT_NAME_HEADER]: 'graphiql' },
  };
}
