import { DomainError, STAFF_ROLES, type StaffRole } from '@cabinet/kernel';
import type { InternalRequestSigner } from '../internalRequests/internalRequestProof.ts';
import { callGraphQL, type GraphQLAnswer } from '../serviceCalls/graphqlCall.ts';
import { httpClientTracer } from '../telemetry/index.ts';

/** What the staff register holds under a staff id: the active member's name and roles. */
export interface RegisteredStaffMember {
  readonly staffId: string;
  readonly fullName: string;
  readonly roles: readonly StaffRole[];
}

const STAFF_MEMBER_QUERY = /* GraphQL */ `
  query RegisteredStaffMember($id: UUID!) {
    staffMember(id: $id) {
      id
      fullName
      roles
    }
  }
`;

type StaffMemberData = { staffMember?: { id: string; fullName: string; roles: string[] } | null };

const unavailable = () =>
  new DomainError(
    'STAFF_REGISTER_UNAVAILABLE',
    'Не удалось проверить сотрудника в реестре. Повторите попытку через минуту.',
  );

const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Asks identity's staff register directly, on the caller's own token (identity answers staff only),
 * who holds a staff id: no other service keeps its own copy of the staff list.
 */
export class StaffRegisterClient {
  private readonly tracer: ReturnType<typeof httpClientTracer>;

  /** `service` names the caller in its traces, e.g. `claims`. */
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly internalRequests: InternalRequestSigner,
    service: string,
  ) {
    this.tracer = httpClientTracer(`@cabinet/${service}/staff-register-client`);
  }

  async member(
    staffId: string,
    authorization: string | undefined,
    requestId: string,
  ): Promise<RegisteredStaffMember | null> {
    let answer: GraphQLAnswer<StaffMemberData>;
    try {
      ({ answer } = await callGraphQL<StaffMemberData>({
        url: this.url,
        query: STAFF_MEMBER_QUERY,
        variables: { id: staffId },
        authorization,
        requestId,
        timeoutMs: this.timeoutMs,
        internalRequests: this.internalRequests,
        tracer: this.tracer,
      }));
    } catch {
      throw unavailable();
    }
    if (answer.errors?.length || answer.data === undefined || answer.data === null) throw unavailable();
    const member = answer.data.staffMember;
    return member
      ? { staffId: member.id, fullName: member.fullName, roles: member.roles.filter(isStaffRole) }
      : null;
  }
}
