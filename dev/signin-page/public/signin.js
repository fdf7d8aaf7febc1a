/* global document, location, history, sessionStorage, fetch, URLSearchParams */
// The page's behaviour: start a Gosuslugi sign-in through the gateway, and complete it when ESIA
// sends the browser back here. The attempt id lives in this tab's sessionStorage in between.

const ATTEMPT_KEY = 'cabinet.gosuslugiSignIn';
const gatewayUrl = document.body.dataset.gateway;
const callbackUrl = document.body.dataset.callback;

const element = (id) => document.getElementById(id);
const show = (id) => (element(id).hidden = false);
const progress = (text) => (element('progress').textContent = text);
const when = (iso) => new Date(iso).toLocaleString('ru-RU');

function fail(error) {
  progress('');
  element('problem').textContent = error instanceof Error ? error.message : String(error);
  show('problem');
}

async function graphql(query, variables, token) {
  const headers = { 'content-type': 'application/json', 'x-client-name': 'signin-page' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length) {
    const [first] = body.errors;
    const code = first.extensions?.code;
    throw new Error(code ? `${first.message} (${code})` : first.message);
  }
  if (!body?.data) throw new Error(`Шлюз ответил HTTP ${response.status}.`);
  return body.data;
}

async function startSignIn() {
  element('problem').hidden = true;
  progress('Переходим на Госуслуги…');
  const { beginGosuslugiSignIn: attempt } = await graphql(
    'mutation BeginGosuslugiSignIn($redirectUri: String!) { beginGosuslugiSignIn(redirectUri: $redirectUri) { attemptId authorizationUrl } }',
    { redirectUri: callbackUrl },
  );
  sessionStorage.setItem(ATTEMPT_KEY, attempt.attemptId);
  location.assign(attempt.authorizationUrl);
}

function showForeignCallback(params) {
  element('foreign-state').textContent = params.get('state') ?? '';
  element('foreign-code').textContent = params.get('code') ?? '—';
  element('foreign-error').textContent = params.get('error') ?? '—';
  show('foreign');
}

async function acceptConsent(accessToken) {
  const { consentDocument } = await graphql('{ consentDocument { version title } }');
  element('consent-title').textContent = `«${consentDocument.title}»`;
  element('consent-version').textContent = consentDocument.version;
  show('consent');
  progress('');
  await new Promise((resolve) =>
    element('accept-consent').addEventListener('click', resolve, { once: true }),
  );
  element('consent').hidden = true;
  progress('Сохраняем согласие…');
  const { acceptConsent: accepted } = await graphql(
    'mutation AcceptConsent($version: String!) { acceptConsent(version: $version) { access { accessToken accessTokenExpiresAt } } }',
    { version: consentDocument.version },
    accessToken,
  );
  return accepted.access;
}

function showSession(customer, session) {
  element('who').textContent = `Вы вошли как ${customer.fullName}`;
  element('untrusted').hidden = session.trusted;
  element('access-token').value = session.accessToken;
  element('access-expires').textContent = when(session.accessTokenExpiresAt);
  element('refresh-token').value = session.refreshToken;
  element('refresh-expires').textContent = when(session.refreshTokenExpiresAt);
  element('headers').value = JSON.stringify({ authorization: `Bearer ${session.accessToken}` }, null, 2);
  element('graphiql').href = gatewayUrl;
  show('session');
  progress('');
}

async function completeSignIn(params) {
  const attemptId = sessionStorage.getItem(ATTEMPT_KEY);
  sessionStorage.removeItem(ATTEMPT_KEY);
  if (attemptId === null) {
    showForeignCallback(params);
    return;
  }
  progress('Завершаем вход…');
  const { completeGosuslugiSignIn: signedIn } = await graphql(
    `
      mutation CompleteGosuslugiSignIn(
        $attemptId: UUID!
        $state: String!
        $code: String
        $error: String
        $errorDescription: String
      ) {
        completeGosuslugiSignIn(
          attemptId: $attemptId
          state: $state
          code: $code
          error: $error
          errorDescription: $errorDescription
        ) {
          accessToken
          accessTokenExpiresAt
          refreshToken
          refreshTokenExpiresAt
          consentRequired
          trusted
        }
      }
    `,
    {
      attemptId,
      state: params.get('state'),
      code: params.get('code'),
      error: params.get('error'),
      errorDescription: params.get('error_description'),
    },
  );
  const session = signedIn.consentRequired
    ? { ...signedIn, ...(await acceptConsent(signedIn.accessToken)) }
    : signedIn;
  progress('Загружаем профиль…');
  const { me } = await graphql('{ me { fullName } }', undefined, session.accessToken);
  showSession(me, session);
}

element('sign-in').addEventListener('click', () => startSignIn().catch(fail));
const params = new URLSearchParams(location.search);
if (params.has('state')) {
  // The code is single-use: a reload must not send it again, nor should it stay in the address bar.
  history.replaceState(null, '', location.pathname);
  completeSignIn(params).catch(fail);
}
