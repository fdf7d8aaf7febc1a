import type { FilesRouter } from '@cabinet/platform/graphql';
import type { Logger } from '@cabinet/platform/logging';
import { moscowDate } from '@cabinet/kernel';
import type { PolicyRepository } from '../../policy/storage/policyRepository.ts';
import type { DocumentLinks } from '../application/documentLinks.ts';
import type { PolicyCheckLinks } from '../application/policyCheckLinks.ts';
import { renderPolicyPdf } from '../application/policyPdf.ts';

export interface DocumentRouteDependencies {
  readonly links: DocumentLinks;
  readonly checkLinks: PolicyCheckLinks;
  readonly policies: PolicyRepository;
  readonly now: () => Date;
  readonly log: Logger;
}

const REFUSALS = {
  MALFORMED: { status: 403, code: 'DOCUMENT_LINK_INVALID', message: 'Ссылка на документ недействительна.' },
  BAD_SIGNATURE: {
    status: 403,
    code: 'DOCUMENT_LINK_INVALID',
    message: 'Ссылка на документ недействительна.',
  },
  EXPIRED: {
    status: 403,
    code: 'DOCUMENT_LINK_EXPIRED',
    message: 'Срок действия ссылки истёк (5 минут). Откройте полис в личном кабинете и скачайте его снова.',
  },
  NOT_FOUND: { status: 404, code: 'POLICY_NOT_FOUND', message: 'Полис не найден.' },
} as const;

/** GET /files/documents/policies/<id>.pdf?sub=…&exp=…&sig=…: the policy PDF behind a signed link. */
export function policyDocumentRoute(deps: DocumentRouteDependencies): (files: FilesRouter) => void {
  return (files) => {
    files.get('/documents/policies/:file', (request, response) => {
      const refuse = (refusal: (typeof REFUSALS)[keyof typeof REFUSALS]) => {
        response.status(refusal.status).json({ code: refusal.code, message: refusal.message });
      };
      void (async () => {
        const policyId = /^(.+)\.pdf$/.exec(request.params['file'] ?? '')?.[1];
        if (!policyId) return refuse(REFUSALS.NOT_FOUND);
        const check = deps.links.verify(policyId, request.query, deps.now());
        if (!check.ok) return refuse(REFUSALS[check.reason]);
        const policy = await deps.policies.get(policyId);
        const [kind, id] = check.link.subject.split(':');
        if (!policy || (kind === 'customer' && policy.holderId !== id)) return refuse(REFUSALS.NOT_FOUND);
        const pdf = await renderPolicyPdf(policy, moscowDate(deps.now()), deps.checkLinks.url(policy));
        response
          .status(200)
          .type('application/pdf')
          .set('Cache-Control', 'private, no-store')
          .set(
            'Content-Disposition',
            `inline; filename="policy.pdf"; filename*=UTF-8''${encodeURIComponent(`Полис ${policy.number}.pdf`)}`,
          )
          .send(pdf);
      })().catch((error: unknown) => {
        deps.log.error({ err: error }, 'policy document failed');
        if (!response.headersSent) {
          response
            .status(500)
            .json({ code: 'INTERNAL_SERVER_ERROR', message: 'Не удалось подготовить документ.' });
        }
      });
    });
  };
}
