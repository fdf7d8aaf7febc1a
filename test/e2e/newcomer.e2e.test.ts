import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInThroughEsia } from '@cabinet/esia-emulator/testing';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { submitClaim } from '../support/claimSubmission.ts';
import { acceptConsent, beginSignIn, callbackOf, completeSignIn } from '../support/gosuslugi.ts';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { npmRun, npmStart, readAnnouncement, row, untilGone, type NpmStart } from '../support/npmStart.ts';

/** A first start seeds the demo registry: on a busy 2-core machine that takes a while. */
const STARTUP_MS = 240_000;
const STEP_MS = 30_000;
const SHUTDOWN_MS = 30_000;
/**
 * npm start passes its environment to every service. On a busy 2-core machine hashing a staff
 * password (scrypt, N=2^17) can outlast the gateway's 3 s per subgraph call; this suite is about
 * npm start, not about that limit (the resilience suite is).
 */
const PATIENT_GATEWAY = { SUBGRAPH_TIMEOUT_MS: String(STEP_MS) };

/** The main modules of the processes `npm start` runs, as their command lines end. */
const SERVICE_ENTRIES = [
  'dev/esia-emulator/src/main.ts',
  'subgraphs/identity/src/main.ts',
  'subgraphs/policy/src/main.ts',
  'subgraphs/claims/src/main.ts',
  'gateway/src/main.ts',
];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const POLICIES = /* GraphQL */ `
  {
    me {
      policies(first: 20) {
        nodes {
          id
          number
          product
          status
          statusLabel
          periodStart
          periodEnd
        }
      }
    }
  }
`;

const FOLLOW = /* GraphQL */ `
  subscription ($claimId: UUID, $after: String) {
    claimStatusChanged(claimId: $claimId, after: $after) {
      claimNumber
      status
      statusLabel
      previousStatus
    }
  }
`;

interface StatusChange {
  claimNumber: string;
  status: string;
  statusLabel: string;
  previousStatus: string | null;
}

describe('a newcomer follows the README: npm start, a customer files a claim, staff move it, Ctrl-C', () => {
  let dataDir: string | undefined;
  let system: NpmStart | undefined;

  afterAll(async () => {
    system?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'runs the printed system with the printed logins and leaves no process behind',
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'cabinet-newcomer-'));
      system = npmStart({ DATA_DIR: dataDir, PORTS: 'free', ...PATIENT_GATEWAY });
      const started = system;
      await started.untilLine(/^Press Ctrl-C to stop\.$/, STARTUP_MS);
      const printed = readAnnouncement(started.lines);
      const gateway = { gatewayUrl: printed.gatewayUrl };
      const person = row(printed, 'person', 'existingCustomer');
      const supervisor = row(printed, 'login', 'supervisor');
      const adjuster = row(printed, 'login', 'adjuster');

      // The customer signs in at the emulated Gosuslugi with the printed phone and password; the SMS
      // code is the one the esia log prints after the password was accepted.
      const begun = await beginSignIn(gateway, printed.redirectUris[0]);
      expect(begun.errors).toBeUndefined();
      const { attemptId, authorizationUrl } = begun.data!.beginGosuslugiSignIn;
      const printedBeforeLogin = started.lines.length;
      const smsLine = new RegExp(`SMS code (\\d+) sent to ${escaped(person['phone']!)}`);
      const landing = await signInThroughEsia(printed.esiaUrl, authorizationUrl, {
        login: person['phone']!,
        password: person['password']!,
        smsCode: async () =>
          smsLine.exec((await started.untilLine(smsLine, STEP_MS, printedBeforeLogin)).line)?.[1],
        consent: 'allow',
      });
      const session = await completeSignIn(gateway, { attemptId, ...callbackOf(landing) });
      expect(session.errors).toBeUndefined();
      const signedIn = session.data!.completeGosuslugiSignIn;
      const customerToken = signedIn.consentRequired
        ? await acceptConsent(gateway, signedIn.accessToken)
        : signedIn.accessToken;

      const policies = await graphql<{
        me: { policies: { nodes: { id: string; product: string; status: string; statusLabel: string }[] } };
      }>(printed.gatewayUrl, POLICIES, { token: customerToken });
      expect(policies.errors).toBeUndefined();
      const inForce = policies.data!.me.policies.nodes.filter(
        (policy) => policy.product === 'OSAGO' && policy.status === 'ACTIVE',
      );
      expect(inForce).toHaveLength(1);
      expect(inForce[0]!.statusLabel).toBe('действует');

      const filed = await submitClaim(printed.gatewayUrl, customerToken, inForce[0]!.id);
      expect(filed.errors).toBeUndefined();
      const claim = filed.data!.submitClaim;

      const customerSocket = wsClient(printed.gatewayUrl, customerToken);
      try {
        const changes = collect<{ claimStatusChanged: StatusChange }>(customerSocket, FOLLOW, {
          claimId: claim.id,
          after: claim.cursor,
        });

        const staffSignIn = async (login: Readonly<Record<string, string>>) => {
          const response = await graphql<{ staffSignIn: { accessToken: string } }>(
            printed.gatewayUrl,
            'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }',
            { variables: { l: login['login'], p: login['password'] } },
          );
          expect(response.errors).toBeUndefined();
          return response.data!.staffSignIn.accessToken;
        };
        const move = async (token: string, mutation: string, variables: Record<string, unknown>) => {
          const response = await graphql(printed.gatewayUrl, mutation, { token, variables });
          expect(response.errors, mutation).toBeUndefined();
        };
        const supervisorToken = await staffSignIn(supervisor);
        await move(supervisorToken, 'mutation ($id: UUID!) { acceptClaim(id: $id) { status } }', {
          id: claim.id,
        });
        const adjusterToken = await staffSignIn(adjuster);
        // Adjusters take unassigned claims themselves: the staff id is the subject of their token.
        await move(
          adjusterToken,
          'mutation ($id: UUID!, $me: UUID!) { assignClaim(id: $id, adjusterId: $me) { status } }',
          { id: claim.id, me: decodeJwt(adjusterToken).sub },
        );
        await move(adjusterToken, 'mutation ($id: UUID!) { startClaimWork(id: $id) { status } }', {
          id: claim.id,
        });

        const seen = (await changes.until(2, STEP_MS)).map((change) => change.claimStatusChanged);
        expect(changes.errors).toEqual([]);
        expect(seen).toEqual([
          {
            claimNumber: claim.number,
            status: 'ACCEPTED',
            statusLabel: 'Принято',
            previousStatus: 'SUBMITTED',
          },
          {
            claimNumber: claim.number,
            status: 'IN_PROGRESS',
            statusLabel: 'В работе',
            previousStatus: 'ACCEPTED',
          },
        ]);
      } finally {
        await customerSocket.dispose();
      }

      // The analysts' command line reads the running system's data.
      const replayed = await npmRun('claims', ['replay', claim.number], { DATA_DIR: dataDir });
      expect(replayed.stderr).toBe('');
      expect(replayed.code).toBe(0);
      expect(replayed.stdout).toMatch(
        /— → SUBMITTED .*\n.*SUBMITTED → ACCEPTED .*\n(.*\n)*.*ACCEPTED → IN_PROGRESS /,
      );

      const running = started.processes();
      for (const service of SERVICE_ENTRIES) {
        expect(
          running.some((process) => process.command.endsWith(service)),
          service,
        ).toBe(true);
      }

      const printedBeforeStop = started.lines.length;
      started.interrupt();
      const exit = await started.exited;
      expect(exit.code === 0 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
      await started.untilLine(/^all services stopped$/, SHUTDOWN_MS, printedBeforeStop);
      expect(
        started.lines.slice(printedBeforeStop).filter((line) => /did not stop cleanly/.test(line)),
      ).toEqual([]);
      expect(await untilGone(running, SHUTDOWN_MS)).toEqual([]);
      expect(started.processes()).toEqual([]);
      await expect(fetch(new URL('/healthcheck', printed.gatewayUrl))).rejects.toThrow();

      // Stopped cleanly, claims gave up its hold on the read models: they rebuild at once.
      const rebuilt = await npmRun('claims', ['rebuild'], { DATA_DIR: dataDir });
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(/^claim-summaries: 4 documents in \d+ ms$/m);
    },
    STARTUP_MS + 8 * STEP_MS + 2 * SHUTDOWN_MS,
  );
});
