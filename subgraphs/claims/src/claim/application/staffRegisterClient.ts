import { DomainError, STAFF_ROLES, type StaffRole } from '@cabinet/kernel';
import { INTERNAL_REQUEST_HEADER, type InternalRequestSigner } from '@cabinet/platform/internal-requests';
import { REQUEST_ID_HEADER } from '@cabinet/platform/logging';
import { endingAttempt, httpClientTracer, startHttpAttempt } from '@cabinet/platform/telemetry';
import type { RegisteredStaffMember } from '../domain/claimCommands.ts';

const STAFF_MEMBER_QUERY = /* GraphQL */ `
  query ClaimAssignee($id: ID!) {
    staffMember(id: $id) {
      id
      roles
    }
  }
`;

interface GraphQLAnswer {
  data?: { staffMember?: { id: string; roles: string[] } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const unavailable = () =>
  new DomainError(
    'STAFF_REGISTER_UNAVAILABLE',
    'Не удалось проверить сотрудника в реестре. Повторите попытку через минуту.',
  );

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Asks identity's staff register directly (proving the call claims' own), on the caller's own token (identity answers staff only),
 * who holds a staff id: the claims service never keeps its own copy of the staff list.
 */
export class StaffRegisterClient {
  private readonly tracer = httpClientTracer('@cabinet/claims/staff-register-client');

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly internalRequests: InternalRequestSigner,
  ) {}

  async member(
    staffId: string,
    authorization: string | undefined,
    requestId: string,
  ): Promise<RegisteredStaffMember | null> {
    let answer: GraphQLAnswer;
    try {
      const traced = startHttpAttempt(this.tracer, 'POST', this.url);
      const response = await endingAttempt(
        traced.span,
        fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [REQUEST_ID_HEADER]: requestId,
            [INTERNAL_REQUEST_HEADER]: this.internalRequests.proof(),
            ...(authorization ? { authorization } : {}),
            ...traced.headers,
          },
          body: JSON.stringify({ query: STAFF_MEMBER_QUERY, variables: { id: staffId } }),
          signal: AbortSignal.timeout(this.timeoutMs),
        }),
      );
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      throw unavailable();
    }
    if (answer.errors?.length || answer.data === undefined || answer.data === null) throw unavailable();
    const member = answer.data.staffMember;
    return member ? { staffId: member.id, roles: member.roles.filter(isStaffRole) } : null;
  }
}
