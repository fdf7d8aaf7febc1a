import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { submitClaim } from '../support/claimSubmission.ts';
import { claimsCast, demoStaffMember } from '../support/demoCast.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

/**
 * Issue #12, item 4: an adjuster not assigned to a claim could approve it, prepare and make its payout,
 * and a claim could be assigned to a staff id nobody holds. Staff act here as they do in production:
 * the demo adjuster and supervisor sign in with their passwords; the outsider is an adjuster whose id
 * is not the claim's assignee.
 */
const { own } = claimsCast();
const adjuster = demoStaffMember('adjuster');
const supervisor = demoStaffMember('supervisor');

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function claimStaffRulesSuite(systemOf: () => TestSystem): void {
  describe('staff commands on a claim: the assigned adjuster or a supervisor, assignees from the staff register', () => {
    let system: TestSystem;
    let customerToken: string;
    let adjusterToken: string;
    let supervisorToken: string;
    let outsiderToken: string;

    beforeAll(async () => {
      system = systemOf();
      customerToken = await system.token({
        kind: 'customer',
        customerId: own.customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
      adjusterToken = await staffSignIn(adjuster.login, adjuster.password);
      supervisorToken = await staffSignIn(supervisor.login, supervisor.password);
      outsiderToken = await system.token({
        kind: 'staff',
        staffId: randomUUID(),
        sessionId: randomUUID(),
        roles: ['adjuster'],
      });
    });

    async function staffSignIn(login: string, password: string): Promise<string> {
      const response = await graphql<{ staffSignIn: { accessToken: string } }>(
        system.gatewayUrl,
        'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }',
        { variables: { l: login, p: password } },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.staffSignIn.accessToken;
    }

    const call = (token: string, mutation: string, variables: Record<string, unknown>) =>
      graphql<Record<string, { status: string }>>(system.gatewayUrl, mutation, { token, variables });

    async function done(token: string, mutation: string, variables: Record<string, unknown>) {
      const response = await call(token, mutation, variables);
      expect(response.errors, mutation).toBeUndefined();
    }

    const ACCEPT = 'mutation ($id: UUID!) { acceptClaim(id: $id) { status } }';
    const ASSIGN =
      'mutation ($id: UUID!, $a: UUID!) { assignClaim(id: $id, adjusterId: $a) { status adjusterId } }';
    const START = 'mutation ($id: UUID!) { startClaimWork(id: $id) { status } }';
    const APPROVE =
      'mutation ($id: UUID!, $amount: MoneyAmount!) { approveClaim(id: $id, amount: $amount) { status } }';
    const MARK = 'mutation ($id: UUID!) { markClaimReadyForPayout(id: $id) { status } }';
    const PAY = 'mutation ($id: UUID!) { payOutClaim(id: $id, paymentReference: "PP-12") { status } }';
    const STATUS = 'query ($id: UUID!) { claim(id: $id) { status } }';

    /** A new claim of the customer's, accepted and assigned to the demo adjuster, in work. */
    async function claimInWork(): Promise<string> {
      const submitted = await submitClaim(system.gatewayUrl, customerToken, own.policy.id);
      expect(submitted.errors).toBeUndefined();
      const id = submitted.data!.submitClaim.id;
      await done(supervisorToken, ACCEPT, { id });
      await done(supervisorToken, ASSIGN, { id, a: adjuster.id });
      await done(adjusterToken, START, { id });
      return id;
    }

    it('refuses an adjuster the decision, the payout preparation and the payout of a claim not assigned to them', async () => {
      const id = await claimInWork();

      const approval = await call(outsiderToken, APPROVE, { id, amount: '50000.00' });
      expect(codesOf(approval)).toEqual(['FORBIDDEN']);
      expect(approval.errors?.[0]?.message).toBe(
        'Действовать по заявлению может только назначенный на него урегулировщик или руководитель.',
      );
      await done(supervisorToken, APPROVE, { id, amount: '50000.00' });
      expect(codesOf(await call(outsiderToken, MARK, { id }))).toEqual(['FORBIDDEN']);
      await done(adjusterToken, MARK, { id });
      expect(codesOf(await call(outsiderToken, PAY, { id }))).toEqual(['FORBIDDEN']);

      const claim = await graphql<{ claim: { status: string } }>(system.gatewayUrl, STATUS, {
        token: supervisorToken,
        variables: { id },
      });
      expect(claim.data?.claim.status).toBe('READY_FOR_PAYOUT');
    });

    it('assigns only an active adjuster of the staff register', async () => {
      const submitted = await submitClaim(system.gatewayUrl, customerToken, own.policy.id);
      const id = submitted.data!.submitClaim.id;
      await done(supervisorToken, ACCEPT, { id });

      const nobody = randomUUID();
      const unknown = await call(supervisorToken, ASSIGN, { id, a: nobody });
      expect(codesOf(unknown)).toEqual(['CLAIM_ADJUSTER_NOT_FOUND']);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ field: 'adjusterId', adjusterId: nobody });
      // Staff ids are UUIDs: anything else is refused at the gateway, naming the variable.
      const malformed = await call(supervisorToken, ASSIGN, { id, a: 'not-a-staff-id' });
      expect(codesOf(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(malformed.errors?.[0]?.extensions?.['argument']).toBe('$a');
      const analyst = demoStaffMember('analyst');
      expect(codesOf(await call(supervisorToken, ASSIGN, { id, a: analyst.id }))).toEqual([
        'CLAIM_ADJUSTER_NOT_FOUND',
      ]);
      // Nothing was written: the claim is still unassigned, and the registered adjuster can be assigned.
      const assigned = await call(supervisorToken, ASSIGN, { id, a: adjuster.id });
      expect(assigned.errors).toBeUndefined();
      expect(assigned.data?.['assignClaim']).toEqual({ status: 'ACCEPTED', adjusterId: adjuster.id });
    });

    it('has a supervisor make a payout from the configured sum, however the adjuster approved it', async () => {
      const id = await claimInWork();
      // 150 000 ₽: within the adjuster's approval limit, above the supervisor payout sum of 100 000 ₽.
      await done(adjusterToken, APPROVE, { id, amount: '150000.00' });
      await done(adjusterToken, MARK, { id });

      const refused = await call(adjusterToken, PAY, { id });
      expect(codesOf(refused)).toEqual(['CLAIM_PAYOUT_NEEDS_SUPERVISOR']);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        amountKopecks: 15_000_000,
        supervisorFromKopecks: 10_000_000,
      });
      const paid = await call(supervisorToken, PAY, { id });
      expect(paid.errors).toBeUndefined();
      expect(paid.data?.['payOutClaim']?.status).toBe('COMPLETED');
    });

    it('shows the staff register to staff only', async () => {
      const LOOK_UP = 'query ($id: UUID!) { staffMember(id: $id) { id fullName roles } }';
      const asSupervisor = await graphql(system.gatewayUrl, LOOK_UP, {
        token: supervisorToken,
        variables: { id: adjuster.id },
      });
      expect(asSupervisor.errors).toBeUndefined();
      expect(asSupervisor.data).toEqual({
        staffMember: { id: adjuster.id, fullName: adjuster.fullName, roles: ['adjuster'] },
      });
      const partnerToken = await system.token({
        kind: 'partner',
        partnerId: own.partnerId,
        clientId: 'security-partner',
        scopes: ['claims:status'],
      });
      for (const token of [customerToken, partnerToken]) {
        const refused = await graphql(system.gatewayUrl, LOOK_UP, { token, variables: { id: adjuster.id } });
        expect(codesOf(refused)).toEqual(['FORBIDDEN']);
        expect(JSON.stringify(refused)).not.toContain(adjuster.fullName);
      }
    });
  });
}
