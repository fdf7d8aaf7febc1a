import { PERSON_SCOPES } from './scopes.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>${escapeHtml(title)} — Госуслуги (эмулятор ЕСИА)</title></head>
<body>
<p><strong>Эмулятор ЕСИА</strong> — только для разработки и тестов.</p>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

const notice = (message?: string) => (message ? `<p role="alert">${escapeHtml(message)}</p>` : '');
const hidden = (attemptId: string) => `<input type="hidden" name="attempt" value="${escapeHtml(attemptId)}">`;

export function loginPage(attemptId: string, message?: string): string {
  return page(
    'Вход',
    `${notice(message)}
<form method="post" action="/login">
${hidden(attemptId)}
<label>Телефон, почта или СНИЛС <input name="login" autocomplete="username" required></label>
<label>Пароль <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Войти</button>
</form>`,
  );
}

export function smsPage(attemptId: string, phone: string, message?: string): string {
  return page(
    'Подтверждение входа',
    `${notice(message)}
<p>Код отправлен на номер ${escapeHtml(phone.replace(/\d(?=\d{2})/g, '•'))}.</p>
<form method="post" action="/login/sms">
${hidden(attemptId)}
<label>Код из СМС <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
<button type="submit">Продолжить</button>
</form>`,
  );
}

export function consentPage(attemptId: string, clientId: string, scopes: readonly string[]): string {
  const items = scopes.map(
    (scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(PERSON_SCOPES[scope] ?? scope)}</li>`,
  );
  return page(
    'Предоставление прав доступа',
    `<p>Система ${escapeHtml(clientId)} запрашивает доступ к следующим данным:</p>
<ul>
${items.join('\n')}
</ul>
<form method="post" action="/consent">
${hidden(attemptId)}
<button type="submit" name="decision" value="allow">Предоставить</button>
<button type="submit" name="decision" value="deny">Отказать</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, notice(message));
}

export function signedOutPage(): string {
  return page('Вы вышли', '<p>Вы вышли из учётной записи Госуслуг.</p>');
}
