const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function layout(body: string, data = ''): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Вход через Госуслуги — личный кабинет (разработка)</title>
<link rel="stylesheet" href="/signin.css">
</head>
<body${data}>
<main>
<p class="note">Страница для разработки: встроенный профиль, вход через эмулятор Госуслуг.</p>
<h1>Вход через Госуслуги</h1>
${body}
</main>
</body>
</html>
`;
}

/** While the gateway is still starting: nothing to call yet. */
export function startingHtml(): string {
  return layout('<p role="alert">Система ещё запускается. Обновите страницу через несколько секунд.</p>');
}

/**
 * The page itself; `signin.js` fills it in. It starts the sign-in (keeping the attempt in the tab's
 * sessionStorage) and, when ESIA sends the browser back here with `code` and `state`, completes it.
 * Opened at a cabinet address an e-mail links to (`claims/<id>`, `support/<id>`), it shows that claim
 * or conversation once the person has signed in.
 */
export function pageHtml(urls: { readonly gatewayUrl: string; readonly callbackUrl: string }): string {
  const data = ` data-gateway="${escapeHtml(urls.gatewayUrl)}" data-callback="${escapeHtml(urls.callbackUrl)}"`;
  return layout(
    `<section id="start">
<p id="target-intro" hidden>Войдите через Госуслуги, чтобы открыть <span id="target-what"></span>.</p>
<p>Войдите тестовым пользователем Госуслуг, чтобы получить токены для GraphiQL и своих запросов к API.</p>
<p><button id="sign-in" type="button">Войти через Госуслуги</button></p>
<p class="hint">Тестовые пользователи и пароли печатает <code>npm start</code>; код из СМС — в журнале <code>esia</code>.</p>
</section>
<p id="progress" role="status"></p>
<p id="problem" role="alert" hidden></p>
<section id="target" hidden>
<h2 id="target-title"></h2>
<p id="target-status"></p>
<ol id="target-items"></ol>
</section>
<section id="consent" hidden>
<h2>Согласие на обработку персональных данных</h2>
<p>Вход выполнен. Прежде чем пользоваться кабинетом, примите <span id="consent-title"></span> (версия <span id="consent-version"></span>).</p>
<p><button id="accept-consent" type="button">Принимаю</button></p>
</section>
<section id="session" hidden>
<h2 id="who"></h2>
<p id="untrusted" hidden>Учётная запись Госуслуг не подтверждена: заявления и платежи недоступны.</p>
<h3>Токены</h3>
<dl>
<dt>accessToken, действует до <span id="access-expires"></span></dt>
<dd><textarea id="access-token" readonly rows="4"></textarea></dd>
<dt>refreshToken, одноразовый, до <span id="refresh-expires"></span></dt>
<dd><textarea id="refresh-token" readonly rows="1"></textarea></dd>
</dl>
<h3>Заголовки для GraphiQL</h3>
<textarea id="headers" readonly rows="3"></textarea>
<h3>Что дальше</h3>
<ol>
<li>Откройте <a id="graphiql" target="_blank" rel="noopener">GraphiQL</a> и вставьте заголовки выше в поле Headers вкладки с примером.</li>
<li>Выполните примеры: <code>MyPolicies</code> — ваши полисы, <code>MyClaims</code> и <code>Claim</code> — заявления, <code>ClaimStatusChanged</code> — подписка на смену статуса заявления.</li>
<li>accessToken живёт 15 минут: новый даёт <code>RefreshSession</code> с refreshToken (каждый refreshToken — на один раз).</li>
</ol>
</section>
<section id="foreign" hidden>
<h2>Вход начат не на этой странице</h2>
<p>Госуслуги вернули ответ, но эта вкладка вход не начинала (например, его начали в GraphiQL). Передайте эти значения в <code>completeGosuslugiSignIn</code> вместе со своим attemptId:</p>
<dl>
<dt>state</dt><dd><output id="foreign-state"></output></dd>
<dt>code</dt><dd><output id="foreign-code"></output></dd>
<dt>error</dt><dd><output id="foreign-error"></output></dd>
</dl>
</section>
<script type="module" src="/signin.js"></script>`,
    data,
  );
}
