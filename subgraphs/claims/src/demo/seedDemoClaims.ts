import { randomUUID } from 'node:crypto';
import { nameBasedUuid, type EventStore } from '@cabinet/platform';
import type { ClaimCommandHandler } from '../claim/application/claimCommandHandler.ts';
import type { ClaimNumberSequence } from '../claim/application/claimNumberSequence.ts';
import type { ClaimActor, StaffClaimActor } from '../claim/domain/claimActor.ts';
import type { ClaimCommand } from '../claim/domain/claimCommands.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';

const DEMO_CLAIM_NAMESPACE = '6f1d2c3b-4a5e-4f60-9b7c-8d9e0a1b2c3d';
const DAY_MS = 24 * 60 * 60 * 1000;

type Role = 'adjuster' | 'supervisor';
type Step = Omit<ClaimCommand, 'metadata' | 'actor'> & { readonly by: Role };

interface DemoClaimScenario {
  readonly key: string;
  readonly incident: { readonly kind: string; readonly place: string; readonly description: string };
  /** What staff did after the customer submitted it, in order. */
  readonly steps: readonly Step[];
}

/** One claim waiting for the insurer, one waiting for the customer's documents, one paid. */
function scenarios(adjusterId: string): readonly DemoClaimScenario[] {
  const workStarted: readonly Step[] = [
    { by: 'supervisor', type: 'AcceptClaim', data: {} },
    { by: 'supervisor', type: 'AssignClaim', data: { adjusterId } },
    { by: 'adjuster', type: 'StartClaimWork', data: {} },
  ];
  return [
    {
      key: 'demo-claim-submitted',
      incident: {
        kind: 'Повреждение имущества',
        place: 'Москва, ул. Летниковская, 10',
        description: 'Во дворе упало дерево и повредило застрахованное имущество.',
      },
      steps: [],
    },
    {
      key: 'demo-claim-documents-requested',
      incident: {
        kind: 'Залив',
        place: 'Москва, ул. Летниковская, 10, кв. 15',
        description: 'Протечка с верхнего этажа, повреждены потолок и обои в комнате.',
      },
      steps: [
        ...workStarted,
        {
          by: 'adjuster',
          type: 'RequestClaimDocuments',
          data: { message: 'Приложите акт управляющей компании о заливе и фотографии повреждений.' },
        },
      ],
    },
    {
      key: 'demo-claim-paid',
      incident: {
        kind: 'Повреждение имущества',
        place: 'Москва, Садовническая наб., 71',
        description: 'Разбито стекло при попытке проникновения.',
      },
      steps: [
        ...workStarted,
        { by: 'supervisor', type: 'ApproveClaim', data: { amountKopecks: 1_850_000 } },
        { by: 'adjuster', type: 'MarkClaimReadyForPayout', data: {} },
        { by: 'supervisor', type: 'PayOutClaim', data: { paymentReference: 'DEMO-PAYOUT-0001' } },
      ],
    },
  ];
}

export interface DemoClaimsDeps {
  readonly events: EventStore;
  readonly handler: ClaimCommandHandler;
  readonly numbers: ClaimNumberSequence;
  readonly now: () => Date;
}

/**
 * A few claims of the customer the Gosuslugi test person `existingCustomer` signs in as, in different
 * statuses, worked by the demo staff, so the embedded profile shows a cabinet and a staff queue with
 * something in them. Only for `npm start` (SEED_DEMO_CLAIMS=yes); each claim is made once, whatever
 * restarts follow. Returns how many it made.
 */
export async function seedDemoClaims(deps: DemoClaimsDeps): Promise<number> {
  // The demo registry holds the staff's demo passwords: it is loaded only when seeding.
  const { DEMO_STAFF, EXISTING_CUSTOMER_ID, demoCustomers, demoPolicies } =
    await import('@cabinet/demo-data');
  const today = deps.now();
  const occurredOn = new Date(today.getTime() - 3 * DAY_MS).toISOString().slice(0, 10);
  const customers = demoCustomers();
  const customer = customers.find((candidate) => candidate.id === EXISTING_CUSTOMER_ID);
  const policy = demoPolicies(customers, today).policies.find(
    (candidate) =>
      candidate.holderId === EXISTING_CUSTOMER_ID &&
      candidate.status === 'ACTIVE' &&
      candidate.period.startsOn <= occurredOn &&
      occurredOn <= candidate.period.endsOn,
  );
  const staff = (role: Role): StaffClaimActor => {
    const person = DEMO_STAFF.find((candidate) => candidate.roles.includes(role));
    if (!person) throw new Error(`the demo registry has no ${role}`);
    return { kind: 'staff', staffId: person.id, role };
  };
  if (!customer || !policy) throw new Error('the demo registry has no policy in force for the demo claims');
  const actors: Record<Role, StaffClaimActor> = {
    adjuster: staff('adjuster'),
    supervisor: staff('supervisor'),
  };

  let made = 0;
  for (const scenario of scenarios(actors.adjuster.staffId)) {
    const claimId = nameBasedUuid(DEMO_CLAIM_NAMESPACE, scenario.key);
    if ((await deps.events.read(claimStreamId(claimId))).length > 0) continue;
    const act = (actor: ClaimActor, step: Omit<ClaimCommand, 'metadata' | 'actor'>) =>
      deps.handler.execute(claimId, { ...step, actor, metadata: { now: deps.now() } } as ClaimCommand, {
        correlationId: randomUUID(),
      });
    await act(
      { kind: 'customer', customerId: customer.id },
      {
        type: 'SubmitClaim',
        data: {
          claimId,
          claimNumber: await deps.numbers.next(today.getUTCFullYear()),
          policy: {
            policyId: policy.id,
            policyNumber: policy.number,
            product: policy.product,
            soldByPartnerId: policy.soldByPartnerId,
          },
          incident: { occurredOn, ...scenario.incident },
          contact: { phone: customer.phone, email: customer.email },
          documents: [],
        },
      },
    );
    for (const { by, ...step } of scenario.steps) await act(actors[by], step);
    made += 1;
  }
  return made;
}
