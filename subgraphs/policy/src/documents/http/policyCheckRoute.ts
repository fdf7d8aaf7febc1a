import type { FilesRouter } from '@cabinet/platform/graphql';
import type { Logger } from '@cabinet/platform/logging';
import { isDomainError, moscowDate } from '@cabinet/kernel';
import { linkTokenOf } from '@cabinet/platform/files';
import type { PolicyRepository } from '../../policy/storage/policyRepository.ts';
import { policyCheckOf, type PolicyCheck } from '../application/policyCheck.ts';
import { POLICY_CHECK_PATH, type PolicyCheckLinks } from '../application/policyCheckLinks.ts';

export interface PolicyCheckRouteDependencies {
  readonly checkLinks: PolicyCheckLinks;
  readonly policies: Pick<PolicyRepository, 'get'>;
  readonly now: () => Date;
  readonly log: Logger;
}

const REFUSALS = {
  DOCUMENT_LINK_INVALID: {
    status: 403,
    title: 'Ссылка проверки недействительна',
    text: 'Эта ссылка не выдана страховщиком. Проверьте полис по QR-коду на самом документе или позвоните на горячую линию.',
  },
  DOCUMENT_LINK_EXPIRED: {
    status: 403,
    title: 'Срок проверки по ссылке истёк',
    text: 'Полис закончился более трёх лет назад. Его подлинность подтвердит горячая линия страховщика.',
  },
  POLICY_NOT_FOUND: {
    status: 404,
    title: 'Полис не найден',
    text: 'Страховщик не выдавал полис по этой ссылке.',
  },
} as const;

/** A page of the policy check: its status and HTML. */
export interface PolicyCheckAnswer {
  readonly status: number;
  readonly html: string;
}

/**
 * What the check answers to a token: the policy's facts for a genuine link, a refusal that names no
 * policy for a forged, altered or expired one (403) or a policy no longer held (404).
 */
export async function answerPolicyCheck(
  deps: Pick<PolicyCheckRouteDependencies, 'checkLinks' | 'policies'>,
  token: string,
  now: Date,
): Promise<PolicyCheckAnswer> {
  const refuse = (refusal: (typeof REFUSALS)[keyof typeof REFUSALS]) => ({
    status: refusal.status,
    html: page(refusal.title, `<p>${escapeHtml(refusal.text)}</p>`),
  });
  let policyId: string;
  try {
    policyId = deps.checkLinks.policyIdOf(token, now);
  } catch (error) {
    if (isDomainError(error) && error.code === 'DOCUMENT_LINK_EXPIRED') {
      return refuse(REFUSALS.DOCUMENT_LINK_EXPIRED);
    }
    if (isDomainError(error) && error.code === 'DOCUMENT_LINK_INVALID') {
      return refuse(REFUSALS.DOCUMENT_LINK_INVALID);
    }
    throw error;
  }
  const policy = await deps.policies.get(policyId);
  if (!policy) return refuse(REFUSALS.POLICY_NOT_FOUND);
  return { status: 200, html: checkPage(policyCheckOf(policy, moscowDate(now))) };
}

/**
 * GET /files/check?token=…: the page a policy's QR code opens, for anyone who scans it. The signed
 * token names the policy; without a genuine one the answer is a refusal that tells nothing.
 */
export function policyCheckRoute(deps: PolicyCheckRouteDependencies): (files: FilesRouter) => void {
  return (files) => {
    files.get(POLICY_CHECK_PATH, (request, response) => {
      const send = ({ status, html }: PolicyCheckAnswer) => {
        response
          .status(status)
          .type('text/html; charset=utf-8')
          .set('Cache-Control', 'no-store')
          .set('X-Content-Type-Options', 'nosniff')
          .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(html);
      };
      answerPolicyCheck(deps, linkTokenOf(request), deps.now())
        .then(send)
        .catch((error: unknown) => {
          deps.log.error({ err: error }, 'policy check failed');
          if (!response.headersSent) {
            send({
              status: 500,
              html: page(
                'Проверка недоступна',
                '<p>Не удалось проверить полис. Повторите попытку позже.</p>',
              ),
            });
          }
        });
    });
  };
}

function checkPage(check: PolicyCheck): string {
  const verdict = check.inForce ? 'Полис подлинный и действует' : 'Полис подлинный, но не действует';
  const rows: readonly (readonly [string, string])[] = [
    ['Страховщик', check.insurer],
    ['Номер полиса', check.number],
    ['Вид страхования', check.product],
    ['Срок страхования', check.period],
    [`Статус на ${check.checkedOn}`, check.status],
  ];
  return page(
    verdict,
    `<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}dt{color:#555;margin-top:.75rem}dd{margin:0;font-size:1.1rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
