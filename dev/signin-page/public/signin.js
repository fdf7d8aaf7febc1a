/* global document, location, history, sessionStorage, fetch, URLSearchParams */
// The page's behaviour: start a Gosuslugi sign-in through the gateway, and complete it when ESIA
// sends the browser back here. The attempt id lives in this tab's sessionStorage in between.

const ATTEMPT_KEY = 'cabinet.gosuslugiSignIn';
// Where the person was going (a claim or a conversation an e-mail links to), kept across the trip to Gosuslugi.
const RETURN_KEY = 'cabinet.returnTo';
const CABINET_PAGE = /^\/(claims|support)\/([0-9a-f-]{36})$/i;
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

/** The claim or conversation a cabinet address names, or null for the page's own addresses. */
function cabinetPage(path) {
  const match = CABINET_PAGE.exec(path ?? '');
  return match ? { kind: match[1], id: match[2], path } : null;
}

async function startSignIn() {
  element('problem').hidden = true;
  const opened = cabinetPage(location.pathname);
  if (opened) sessionStorage.setItem(RETURN_KEY, opened.path);
  else sessionStorage.removeItem(RETURN_KEY);
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

const CONVERSATION_STATUS = { OPEN: 'открыто', CLOSED: 'закрыто' };
const AUTHOR = { CUSTOMER: 'Вы', OPERATOR: 'Оператор', SYSTEM: 'Автоответ' };

function showItems(lines) {
  element('target-items').replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
}

async function showClaim(id, accessToken) {
  const { claim } = await graphql(
    'query Claim($id: UUID!) { claim(id: $id) { number statusLabel resolutionLabel updatedAt timeline { at what } } }',
    { id },
    accessToken,
  );
  const resolution = claim.resolutionLabel ? ` (${claim.resolutionLabel})` : '';
  element('target-title').textContent = `Заявление № ${claim.number}`;
  element('target-status').textContent =
    `Статус: «${claim.statusLabel}${resolution}», изменён ${when(claim.updatedAt)}`;
  showItems(claim.timeline.map((entry) => `${when(entry.at)} — ${entry.what}`));
}

async function showConversation(id, accessToken) {
  const { conversation } = await graphql(
    'query Conversation($id: UUID!) { conversation(id: $id) { topicLabel status updatedAt messages(first: 50) { nodes { author text sentAt } } } }',
    { id },
    accessToken,
  );
  element('target-title').textContent = `Обращение в поддержку: ${conversation.topicLabel}`;
  element('target-status').textContent =
    `Обращение ${CONVERSATION_STATUS[conversation.status] ?? conversation.status}, обновлено ${when(conversation.updatedAt)}`;
  showItems(
    conversation.messages.nodes.map(
      (message) => `${when(message.sentAt)} — ${AUTHOR[message.author] ?? message.author}: ${message.text}`,
    ),
  );
}

/** After a sign-in begun at a cabinet address: back to that address, showing what it names. */
async function showWhereThePersonWasGoing(accessToken) {
  const target = cabinetPage(sessionStorage.getItem(RETURN_KEY));
  sessionStorage.removeItem(RETURN_KEY);
  if (!target) return;
  history.replaceState(null, '', target.path);
  progress(target.kind === 'claims' ? 'Загружаем заявление…' : 'Загружаем обращение…');
  await (target.kind === 'claims' ? showClaim : showConversation)(target.id, accessToken);
  element('start').hidden = true;
  show('target');
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
  await showWhereThePersonWasGoing(session.accessToken);
}

element('sign-in').addEventListener('click', () => startSignIn().catch(fail));
const opened = cabinetPage(location.pathname);
if (opened) {
  element('target-what').textContent = opened.kind === 'claims' ? 'заявление' : 'обращение в поддержку';
  show('target-intro');
}
const params = new URLSearchParams(location.search);
if (params.has('state')) {
  // The code is single-use: a reload must not send it again, nor should it stay in the address bar.
  history.replaceState(null, '', location.pathname);
  completeSignIn(params).catch(fail);
}
