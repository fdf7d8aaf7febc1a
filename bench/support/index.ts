/**
 * The support chat live through the gateway (issue #14): 1,000 open conversations, their customers and
 * operators connected over graphql-ws, 200 messages a second both ways for 30 s. Prints p50/p99 from
 * sending a message to its delivery on the other side, missed and duplicated messages, what the
 * operators following the whole queue saw, and the gateway's and support's resident memory per
 * connected participant (./supportChatLoad.ts); then, on the same system, bench/subscriptions' claims
 * round at the same size (../kit/claimStatusRound.ts), printed beside it, and the verdict on the target.
 *
 *   npx tsx bench/support/index.ts [--smoke]     (--smoke: 20 conversations, 4 messages/s for 8 s,
 *                                                 and 100 claim subscribers)
 */
// Support's package entry loads its type-graphql schema classes, which need the metadata polyfill first.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { supportConfigSpec } from '@cabinet/support';
import { startTestSystem } from '../../test/support/testSystem.ts';
import { ourGateway, prepareClaimStatusBench } from '../kit/claimStatusRound.ts';
import type { DeliveryFigures } from '../kit/deliveryLedger.ts';
import { deliveryColumns } from '../kit/figuresTable.ts';
import { CONVERSATIONS_PER_OPERATOR, measureSupportChat, type SupportLoad } from './supportChatLoad.ts';

const SMOKE = process.argv.includes('--smoke');
const LOAD: SupportLoad = SMOKE
  ? { conversations: 20, messagesPerSecond: 4, seconds: 8, queueWatchers: 2 }
  : { conversations: 1_000, messagesPerSecond: 200, seconds: 30, queueWatchers: 2 };
/**
 * Subscribers of the claims round beside it (its changes come at 200 a second whatever the size, so the
 * smoke run keeps enough claims for each to change about twice a second, as they would at 1,000).
 */
const CLAIM_SUBSCRIBERS = SMOKE ? 100 : LOAD.conversations;
const TARGET_P99_MS = 250;
const BENCH_DEADLINE_MS = 20 * 60_000;

const deadline = setTimeout(() => {
  process.stderr.write('bench/support: deadline passed, stopping\n');
  process.exit(2);
}, BENCH_DEADLINE_MS);

// Customers write every other message, round robin: the product's own limit must hold for that pace.
const customerLimit = supportConfigSpec.CUSTOMER_MESSAGES_PER_MINUTE.read(
  'CUSTOMER_MESSAGES_PER_MINUTE',
  undefined,
);
const customerPace = (LOAD.messagesPerSecond / 2 / LOAD.conversations) * 60;
if (customerPace > customerLimit)
  throw new Error(
    `customers would write ${customerPace} messages a minute per conversation, over support's limit of ${customerLimit}`,
  );

const settings = {
  // Operators on duty round the clock: no after-hours automatic replies, whatever the hour of the run.
  SUPPORT_HOURS: 'always',
  // The claims round's subscribers all connect from 127.0.0.1 (support's participants each from their own).
  MAX_SUBSCRIPTIONS_PER_IP: String(2 * CLAIM_SUBSCRIBERS),
};
const load = () =>
  loadavg()
    .map((average) => average.toFixed(2))
    .join(' ');
process.stdout.write(
  [
    `load: ${LOAD.conversations} conversations, ${LOAD.messagesPerSecond} messages/s for ${LOAD.seconds} s, ` +
      `${LOAD.queueWatchers} operators following the whole queue${SMOKE ? ' (smoke)' : ''}`,
    `customers write ${customerPace.toFixed(1)} messages a minute per conversation ` +
      `(support's CUSTOMER_MESSAGES_PER_MINUTE: ${customerLimit}, unchanged); gateway limits per caller and address unchanged`,
    `settings changed: ${Object.entries(settings)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ')}`,
    `load average at start: ${load()}`,
    '',
  ].join('\n'),
);

const system = await startTestSystem({ seedDemoData: false, env: settings });
try {
  const support = await measureSupportChat(system, LOAD);
  const loadAfterSupport = load();
  const claimsBench = await prepareClaimStatusBench(system, CLAIM_SUBSCRIBERS);
  const claims = await claimsBench.round(CLAIM_SUBSCRIBERS, ourGateway(system));
  await claimsBench.close();

  const { customers, operators, watchers } = support.participants;
  const supportRow = (name: string, figures: DeliveryFigures) =>
    [name, figures.expected, ...deliveryColumns(figures)].join(' | ');
  const met =
    support.allMessages.p99Ms <= TARGET_P99_MS &&
    support.allMessages.missed === 0 &&
    support.allMessages.duplicated === 0 &&
    support.sendErrors.size === 0 &&
    support.held === support.subscriptions;
  process.stdout.write(
    [
      '',
      `support participants: customers ${customers}, operators ${operators} (up to ${CONVERSATIONS_PER_OPERATOR} ` +
        `conversations each), queue watchers ${watchers}; subscriptions held ${support.held} of ${support.subscriptions}`,
      `preparing calls tried again after SUBGRAPH_UNAVAILABLE or a network failure: ${support.preparationRetries}`,
      `sent ${support.sent} messages at ${support.drovePerSecond.toFixed(1)}/s; refused: ${
        support.sendErrors.size === 0
          ? 'none'
          : [...support.sendErrors].map(([code, count]) => `${code}×${count}`).join(' ')
      }`,
      `load average after the support round: ${loadAfterSupport}`,
      '',
      'support, from sending | messages | p50 ms | p99 ms | missed | duplicated',
      supportRow('customer → operator', support.toOperator),
      supportRow('operator → customer', support.toCustomer),
      supportRow('all messages', support.allMessages),
      supportRow("operators' queue", support.queue),
      supportRow('send answered (the write alone)', support.answered),
      '',
      'same run, side by side | connected | held | p50 ms | p99 ms | missed | duplicated | KiB each: gateway | service | total',
      [
        'support messages',
        `${customers + operators + watchers} participants`,
        `${support.held} subscriptions`,
        ...deliveryColumns(support.allMessages),
        support.kibPerParticipant.gateway,
        support.kibPerParticipant.support,
        support.kibPerParticipant.total,
      ].join(' | '),
      [
        'claims statuses (bench/subscriptions)',
        `${claims.subscribers} subscribers`,
        `${claims.held} subscriptions`,
        ...deliveryColumns(claims),
        claims.kibPerSubscriber.gateway,
        claims.kibPerSubscriber.claims,
        claims.kibPerSubscriber.total,
      ].join(' | '),
      '',
      `target: p99 ≤ ${TARGET_P99_MS} ms, missed = duplicated = 0 (all messages, every send accepted, every subscription held): ` +
        (met ? 'met' : `not met (p99 ${support.allMessages.p99Ms.toFixed(1)} ms)`),
      `load average at the end: ${load()}`,
      '',
    ].join('\n'),
  );
} finally {
  await system.shutdown();
  clearTimeout(deadline);
}
