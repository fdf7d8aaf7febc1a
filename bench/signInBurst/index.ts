/**
 * `npm run bench -- signInBurst`: a burst of wrong partner secrets at the gateway's `POST /oauth/token`
 * and of wrong staff passwords at `staffSignIn`, all from one address, with one genuine request from
 * another address sent alongside. Prints how long the burst took to be answered, how it was answered,
 * and what the genuine request got and when: the figures behind test/security/passwordHashing. Then,
 * on a system with its default limits, a steady flood of wrong partner secrets (wrongSecretFlood.ts).
 */
import { DEMO_PARTNER_CLIENTS, DEMO_STAFF } from '@cabinet/demo-data';
import { graphqlFrom, partnerTokenFrom, type AddressedResponse } from '../../test/support/clientAddress.ts';
import { startTestSystem } from '../../test/support/testSystem.ts';
import { wrongSecretFlood } from './wrongSecretFlood.ts';

const BURST = Number(process.env['BURST'] ?? 200);
const ATTACKER = '127.0.0.1';
const GENUINE = '127.0.0.2';
const STAFF_SIGN_IN =
  'mutation ($l: String!, $p: String!) { staffSignIn(login: $l, password: $p) { accessToken } }';

interface Round {
  readonly name: string;
  readonly wrong: (index: number) => Promise<string>;
  readonly genuine: () => Promise<string>;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
}

function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${outcome}×${count}`).join(' ');
}

const statusOf = (answer: AddressedResponse) => String(answer.status);
const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => {
  const code = answer.errors?.[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : answer.errors ? 'NO_CODE' : 'OK';
};

const system = await startTestSystem({
  env: { RATE_LIMITS: 'anonymous=100000,customer=100000,staff=100000,partner=100000,ip=100000' },
  identityEnv: { SIGN_IN_LIMIT_PER_IP: '100000' },
});
try {
  const tokenUrl = new URL('/oauth/token', system.gatewayUrl);
  const [partner] = DEMO_PARTNER_CLIENTS;
  const [adjuster, analyst] = DEMO_STAFF;
  const rounds: Round[] = [
    {
      name: 'partner secrets at /oauth/token',
      wrong: async (index) =>
        statusOf(
          await partnerTokenFrom(ATTACKER, tokenUrl, {
            clientId: partner!.clientId,
            clientSecret: `guess-${index}`,
          }),
        ),
      genuine: async () => statusOf(await partnerTokenFrom(GENUINE, tokenUrl, partner!)),
    },
    {
      name: 'staff passwords at staffSignIn',
      wrong: async (index) =>
        codeOf(
          await graphqlFrom(ATTACKER, system.gatewayUrl, STAFF_SIGN_IN, {
            variables: { l: adjuster!.login, p: `guess-${index}` },
          }),
        ),
      genuine: async () =>
        codeOf(
          await graphqlFrom(GENUINE, system.gatewayUrl, STAFF_SIGN_IN, {
            variables: { l: analyst!.login, p: analyst!.password },
          }),
        ),
    },
  ];
  for (const round of rounds) {
    const burst = timed(() => Promise.all(Array.from({ length: BURST }, (_, index) => round.wrong(index))));
    const genuine = await timed(round.genuine);
    const answered = await burst;
    process.stdout.write(
      `${round.name}: ${BURST} wrong answered in ${answered.ms} ms (${tally(answered.value)}); ` +
        `the genuine request alongside: ${genuine.value} in ${genuine.ms} ms\n`,
    );
  }
} finally {
  await system.shutdown();
}
await wrongSecretFlood();
