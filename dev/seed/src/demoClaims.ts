import { randomUUID } from 'node:crypto';
import type { ClaimCommands } from '@cabinet/claims/commands';
import type { ClaimCommand, StaffClaimActor, SubmitClaim } from '@cabinet/claims/domain';
import {
  DEMO_STAFF,
  EXISTING_CUSTOMER_ID,
  demoCustomers,
  demoPolicyCast,
  type DemoCustomer,
  type DemoPolicy,
} from '@cabinet/demo-data';
import { commandFingerprint, nameBasedUuid, addDays, moscowDate } from '@cabinet/kernel';

const DEMO_CLAIM_NAMESPACE = '6f1d2c3b-4a5e-4f60-9b7c-8d9e0a1b2c3d';

type Role = 'adjuster' | 'supervisor';
type Step = Omit<ClaimCommand, 'metadata' | 'actor'> & { readonly by: Role };

interface DemoClaimScenario {
  readonly key: string;
  /** How long before the seeding day the incident happened. */
  readonly daysAgo: number;
  readonly incident: { readonly kind: string; readonly place: string; readonly description: string };
  /** What staff did after the customer submitted it, in order. */
  readonly steps: readonly Step[];
}

/** One claim waiting for the insurer, one waiting for the customer's documents, one paid. */
function scenarios(adjuster: {
  readonly id: string;
  readonly fullName: string;
}): readonly DemoClaimScenario[] {
  const adjusterId = adjuster.id;
  const workStarted: readonly Step[] = [
    { by: 'supervisor', type: 'AcceptClaim', data: {} },
    {
      by: 'supervisor',
      type: 'AssignClaim',
      data: {
        adjusterId,
        registered: { staffId: adjusterId, fullName: adjuster.fullName, roles: ['adjuster'] },
      },
    },
    { by: 'adjuster', type: 'StartClaimWork', data: {} },
  ];
  return [
    {
      key: 'demo-claim-submitted',
      daysAgo: 3,
      incident: {
        kind: 'ДТП',
        place: 'Москва, ул. Летниковская, 10',
        description:
          'На парковке у дома в стоящий автомобиль въехал другой автомобиль, повреждён задний бампер.',
      },
      steps: [],
    },
    {
      key: 'demo-claim-documents-requested',
      daysAgo: 12,
      incident: {
        kind: 'ДТП',
        place: 'Москва, Садовое кольцо, у д. 5 по ул. Земляной Вал',
        description: 'Столкновение при перестроении, повреждены переднее крыло и фара.',
      },
      steps: [
        ...workStarted,
        {
          by: 'adjuster',
          type: 'RequestClaimDocuments',
          data: { message: 'Приложите извещение о ДТП (европротокол) и фотографии повреждений.' },
        },
      ],
    },
    {
      key: 'demo-claim-paid',
      daysAgo: 60,
      incident: {
        kind: 'ДТП',
        place: 'Москва, Садовническая наб., 71',
        description: 'Наезд на препятствие при объезде ямы, повреждён передний бампер.',
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

/** A demo claim as the commands that make it, in order, the first one submitting it. */
export interface DemoClaimPlan {
  readonly claimId: string;
  readonly submit: (claimNumber: string) => ClaimCommand;
  readonly steps: readonly ClaimCommand[];
}

/** Who the demo claims are about and who works them, from the demo registry. */
export interface DemoClaimCast {
  readonly customer: DemoCustomer;
  /** A policy of the customer in force since well before the earliest incident. */
  readonly policy: DemoPolicy;
  readonly staff: readonly {
    readonly id: string;
    readonly fullName: string;
    readonly roles: readonly string[];
  }[];
}

/**
 * The demo claims as commands, their incidents a few days to two months before `now`, filed on the
 * cast's policy and worked by its staff.
 */
export function demoClaimPlans(cast: DemoClaimCast, now: Date): DemoClaimPlan[] {
  const staffActor = (role: Role): StaffClaimActor => {
    const person = cast.staff.find((candidate) => candidate.roles.includes(role));
    if (!person) throw new Error(`the demo registry has no ${role}`);
    return { kind: 'staff', staffId: person.id, role };
  };
  const actors: Record<Role, StaffClaimActor> = {
    adjuster: staffActor('adjuster'),
    supervisor: staffActor('supervisor'),
  };
  const { customer, policy } = cast;
  const adjuster = cast.staff.find((person) => person.id === actors.adjuster.staffId)!;
  return scenarios(adjuster).map((scenario) => {
    const claimId = nameBasedUuid(DEMO_CLAIM_NAMESPACE, scenario.key);
    // Each step a command of its own, with the same id on every run of the seed.
    const metadata = (step: number, type: ClaimCommand['type'], data: ClaimCommand['data']) => ({
      commandId: nameBasedUuid(DEMO_CLAIM_NAMESPACE, `${scenario.key}:command:${step}`),
      fingerprint: commandFingerprint(type, data),
      now,
    });
    return {
      claimId,
      submit: (claimNumber) => {
        const data: SubmitClaim['data'] = {
          claimId,
          claimNumber,
          policy: {
            policyId: policy.id,
            policyNumber: policy.number,
            product: policy.product,
            soldByPartnerId: policy.soldByPartnerId,
          },
          incident: { occurredOn: addDays(moscowDate(now), -scenario.daysAgo), ...scenario.incident },
          contact: { phone: customer.phone, email: customer.email },
          noticeEmail: customer.email,
          noticeName: `${customer.firstName} ${customer.middleName}`,
          customerName: [
            policy.holderName.lastName,
            policy.holderName.firstName,
            policy.holderName.middleName,
          ]
            .filter((part) => part !== '')
            .join(' '),
          documents: [],
        };
        const actor = { kind: 'customer', customerId: customer.id } as const;
        return { type: 'SubmitClaim', actor, metadata: metadata(0, 'SubmitClaim', data), data };
      },
      steps: scenario.steps.map(
        ({ by, ...step }, index) =>
          ({
            ...step,
            actor: actors[by],
            metadata: metadata(index + 1, step.type, step.data),
          }) as ClaimCommand,
      ),
    };
  });
}

/** The demo registry's `existingCustomer` and the ОСАГО it keeps in force on every date. */
function demoClaimCast(now: Date): DemoClaimCast {
  const customers = demoCustomers();
  const customer = customers.find((candidate) => candidate.id === EXISTING_CUSTOMER_ID);
  if (!customer) throw new Error('the demo registry has no existingCustomer');
  return {
    customer,
    policy: demoPolicyCast(customers, now)['existingCustomer.osagoInForce'],
    staff: DEMO_STAFF,
  };
}

/**
 * A few claims of the customer the Gosuslugi test person `existingCustomer` signs in as, in different
 * statuses, worked by the demo staff, so `npm start` shows a cabinet and a staff queue with something
 * in them. Each claim is made once, whatever restarts follow. Returns how many it made.
 */
export async function seedDemoClaims(claims: ClaimCommands, now: Date): Promise<number> {
  let made = 0;
  for (const plan of demoClaimPlans(demoClaimCast(now), now)) {
    if (await claims.exists(plan.claimId)) continue;
    const claimNumber = await claims.claimNumberFor(plan.claimId, now.getUTCFullYear());
    const correlationId = randomUUID();
    for (const command of [plan.submit(claimNumber), ...plan.steps]) {
      await claims.execute(plan.claimId, command, { correlationId });
    }
    made += 1;
  }
  return made;
}
