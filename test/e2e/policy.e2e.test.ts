import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import { formatRussianDate, moscowDate } from '@cabinet/kernel';
import { INSURER_ADDRESS, INSURER_HOTLINE, INSURER_LICENCE, INSURER_NAME } from '@cabinet/platform/pdf';
import { pdfQrCodes, pdfText } from '@cabinet/platform/testing';
import { cancelledPolicy, policyCast, SEEDED_AT } from '../support/demoCast.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const cast = policyCast();
const APPROVED_CARD = '2200 0000 0000 0004';
const POOR_CARD = '2200000000000012';
const TIMEOUT_CARD = '2200000000000038';

function customer(customerId: string, trusted = true) {
  return { kind: 'customer', customerId, sessionId: randomUUID(), trusted } as const;
}

const CARD = /* GraphQL */ `
  query Card($id: UUID!) {
    policy(id: $id) {
      id
      number
      product
      productLabel
      status
      statusLabel
      periodStart
      periodEnd
      termMonths
      holder {
        customerId
        fullName
      }
      insuredObject {
        kind
        description
        vehicle {
          vin
          plate
        }
        persons {
          fullName
        }
        address
      }
      coverages {
        code
        label
        sumInsured {
          amount
          currency
        }
        deductible {
          amount
          currency
        }
      }
      premium {
        amount
        currency
      }
      instalments {
        id
        kind
        dueOn
        amount {
          amount
          currency
        }
        status
        statusLabel
      }
      payments {
        id
        status
        amount {
          amount
        }
      }
      renewalWindow {
        opensOn
        closesOn
      }
      documentUrl
      documents {
        kind
        title
        url
        expiresAt
      }
    }
  }
`;
const ADD_CARD = /* GraphQL */ `
  mutation Add($number: String!) {
    addPaymentMethod(input: { number: $number, expiry: "12/30" }) {
      id
      brand
      last4
    }
  }
`;
const QUOTE_RENEWAL = /* GraphQL */ `
  query Quote($id: UUID!) {
    quoteRenewal(policyId: $id) {
      id
      premium {
        amount
        currency
      }
      amountDueNow {
        amount
      }
      newContract
      periodStart
    }
  }
`;
const RENEW = /* GraphQL */ `
  mutation Renew($quoteId: UUID!, $card: UUID!, $key: String!) {
    renewPolicy(quoteId: $quoteId, paymentMethodId: $card, idempotencyKey: $key) {
      payment {
        id
        status
        amount {
          amount
          currency
        }
      }
      policy {
        id
        status
        statusLabel
        renewedBy
      }
      renewal {
        id
        number
        status
        periodStart
        instalments {
          status
        }
      }
    }
  }
`;
const QUOTE_CHANGE = /* GraphQL */ `
  query Change($id: UUID!, $changes: [CoverageChangeInput!]!) {
    quoteCoverageChange(policyId: $id, changes: $changes) {
      id
      amountDueNow {
        amount
        currency
      }
      premiumDelta {
        amount
      }
      remainingDays
      periodDays
    }
  }
`;
const CONFIRM_CHANGE = /* GraphQL */ `
  mutation Confirm($quoteId: UUID!, $card: UUID, $key: String!) {
    confirmCoverageChange(quoteId: $quoteId, paymentMethodId: $card, idempotencyKey: $key) {
      payment {
        status
        amount {
          amount
        }
      }
      policy {
        premium {
          amount
        }
        coverages {
          code
          sumInsured {
            amount
          }
        }
        instalments {
          kind
          status
          amount {
            amount
          }
        }
      }
    }
  }
`;
const PAY = /* GraphQL */ `
  mutation Pay($policyId: UUID!, $instalmentId: UUID!, $card: UUID!, $key: String!) {
    payInstalment(
      policyId: $policyId
      instalmentId: $instalmentId
      paymentMethodId: $card
      idempotencyKey: $key
    ) {
      payment {
        id
        status
      }
      policy {
        instalments {
          id
          status
          statusLabel
        }
      }
    }
  }
`;

const PAY_WITH_MESSAGE = /* GraphQL */ `
  mutation Pay($policyId: UUID!, $instalmentId: UUID!, $card: UUID!, $key: String!) {
    payInstalment(
      policyId: $policyId
      instalmentId: $instalmentId
      paymentMethodId: $card
      idempotencyKey: $key
    ) {
      payment {
        status
        message
      }
      policy {
        instalments {
          id
          status
        }
      }
    }
  }
`;

interface CardData {
  policy: {
    id: string;
    number: string;
    productLabel: string;
    status: string;
    holder: { fullName: string };
    premium: { amount: string; currency: string };
    instalments: { id: string; status: string; amount: { amount: string } }[];
    payments: { id: string; status: string }[];
    documentUrl: string;
    coverages: { code: string; sumInsured: { amount: string; currency: string } }[];
  };
}

const codeOf = <T>(response: GraphQLResponse<T>) => response.errors?.[0]?.extensions?.['code'];

/** Text as a reader takes it in: wrapped lines joined, narrow and non-breaking spaces as plain ones. */
const oneLine = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ');
/** An HTML page's visible text, tags dropped. */
const htmlText = (html: string) => html.replace(/<[^>]*>/g, ' ');

describe('policies through the gateway', () => {
  let system: TestSystem;
  const tokens = new Map<string, string>();
  const as = async (customerId: string, trusted = true) => {
    const key = `${customerId}:${trusted}`;
    if (!tokens.has(key)) tokens.set(key, await system.token(customer(customerId, trusted)));
    return tokens.get(key) as string;
  };
  const addCard = async (customerId: string, number: string): Promise<string> => {
    const added = await graphql<{ addPaymentMethod: { id: string } }>(system.gatewayUrl, ADD_CARD, {
      token: await as(customerId),
      variables: { number },
    });
    expect(added.errors).toBeUndefined();
    return added.data!.addPaymentMethod.id;
  };
  const card = async (customerId: string, id: string) =>
    graphql<CardData>(system.gatewayUrl, CARD, { token: await as(customerId), variables: { id } });
  /** The policy PDF as its holder downloads it from the card's link. */
  const policyPdf = async (customerId: string, id: string) => {
    const shown = await card(customerId, id);
    expect(shown.errors).toBeUndefined();
    const response = await fetch(shown.data!.policy.documentUrl);
    expect(response.status).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it("lists the customer's policies and shows a full card with money as decimal strings", async () => {
    const { customer: holder, policy } = cast.renewing;
    const list = await graphql<{
      me: {
        policies: { totalCount: number; nodes: { id: string; productLabel: string; statusLabel: string }[] };
      };
    }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            policies(first: 10) {
              totalCount
              nodes {
                id
                productLabel
                statusLabel
              }
            }
          }
        }
      `,
      { token: await as(holder.id) },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.me.policies.nodes).toContainEqual({
      id: policy.id,
      productLabel: 'ОСАГО',
      statusLabel: 'действует',
    });

    const response = await card(holder.id, policy.id);
    expect(response.errors).toBeUndefined();
    const shown = response.data!.policy;
    expect(shown).toMatchObject({
      number: policy.number,
      product: 'OSAGO',
      status: 'ACTIVE',
      holder: { fullName: `${holder.lastName} ${holder.firstName} ${holder.middleName}` },
      periodStart: policy.period.startsOn,
      periodEnd: policy.period.endsOn,
      premium: { amount: (policy.premium.minorUnits / 100).toFixed(2), currency: 'RUB' },
    });
    expect(shown.coverages).toEqual([
      expect.objectContaining({
        code: 'OSAGO_PROPERTY',
        sumInsured: { amount: '400000.00', currency: 'RUB' },
      }),
      expect.objectContaining({
        code: 'OSAGO_LIFE_HEALTH',
        sumInsured: { amount: '500000.00', currency: 'RUB' },
      }),
    ]);
    expect(shown.documentUrl).toMatch(/\/documents\/policies\/.+\.pdf\?/);
  });

  it('refuses to change ОСАГО sums, which the law fixes', async () => {
    const { customer: holder, policy } = cast.renewing;
    const response = await graphql(system.gatewayUrl, QUOTE_CHANGE, {
      token: await as(holder.id),
      variables: {
        id: policy.id,
        changes: [{ code: 'OSAGO_PROPERTY', sumInsured: { amount: '800000.00', currency: 'RUB' } }],
      },
    });
    expect(codeOf(response)).toBe('COVERAGE_FIXED_BY_LAW');
  });

  it('declines a renewal paid with a card short of funds, with a clear message, and renews with a good card', async () => {
    const { customer: holder, policy } = cast.renewing;
    const token = await as(holder.id);
    const quote = await graphql<{
      quoteRenewal: { id: string; amountDueNow: { amount: string }; newContract: boolean };
    }>(system.gatewayUrl, QUOTE_RENEWAL, { token, variables: { id: policy.id } });
    expect(quote.errors).toBeUndefined();
    expect(quote.data?.quoteRenewal.newContract).toBe(true);
    const quoteId = quote.data!.quoteRenewal.id;

    const declined = await graphql(system.gatewayUrl, RENEW, {
      token,
      variables: { quoteId, card: await addCard(holder.id, POOR_CARD), key: randomUUID() },
    });
    expect(codeOf(declined)).toBe('INSUFFICIENT_FUNDS');
    expect(declined.errors?.[0]?.message).toBe(
      'Недостаточно средств на карте. Пополните карту или выберите другую и повторите оплату.',
    );

    const key = randomUUID();
    const good = await addCard(holder.id, APPROVED_CARD);
    const renewed = await graphql<{
      renewPolicy: {
        payment: { id: string; status: string; amount: { amount: string; currency: string } };
        policy: { status: string; statusLabel: string; renewedBy: string };
        renewal: {
          id: string;
          number: string;
          status: string;
          periodStart: string;
          instalments: { status: string }[];
        };
      };
    }>(system.gatewayUrl, RENEW, { token, variables: { quoteId, card: good, key } });
    expect(renewed.errors).toBeUndefined();
    const result = renewed.data!.renewPolicy;
    expect(result.payment).toMatchObject({
      status: 'SUCCEEDED',
      amount: { amount: quote.data!.quoteRenewal.amountDueNow.amount, currency: 'RUB' },
    });
    expect(result.policy).toMatchObject({
      status: 'RENEWED',
      statusLabel: 'продлён',
      renewedBy: result.renewal.id,
    });
    expect(result.renewal.number).toMatch(/^ХХХ \d{10}$/);
    expect(result.renewal.number).not.toBe(policy.number);
    expect(result.renewal).toMatchObject({ status: 'ACTIVE', instalments: [{ status: 'PAID' }] });

    const replay = await graphql<{ renewPolicy: { payment: { id: string } } }>(system.gatewayUrl, RENEW, {
      token,
      variables: { quoteId, card: good, key },
    });
    expect(replay.data?.renewPolicy.payment.id).toBe(result.payment.id);
    const after = await card(holder.id, policy.id);
    expect(after.data?.policy.payments.map((p) => p.status).sort()).toEqual(['DECLINED', 'SUCCEEDED']);

    const activity = await graphql<{
      myActivity: { nodes: { action: string; outcome: string; errorCode: string | null }[] };
    }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          myActivity(first: 10) {
            nodes {
              action
              outcome
              errorCode
            }
          }
        }
      `,
      { token },
    );
    expect(activity.errors).toBeUndefined();
    expect(activity.data?.myActivity.nodes).toEqual(
      expect.arrayContaining([
        { action: 'PAYMENT_DECLINED', outcome: 'FAILURE', errorCode: 'INSUFFICIENT_FUNDS' },
        { action: 'PAYMENT_SUCCEEDED', outcome: 'SUCCESS', errorCode: null },
      ]),
    );
  });

  it('prices and applies a higher sum insured pro rata, charging the difference', async () => {
    const { customer: holder, policy } = cast.changing;
    const token = await as(holder.id);
    const belongings = policy.coverages.find((c) => c.code === 'PROPERTY_BELONGINGS')!;
    const newSum = ((belongings.sumInsured.minorUnits + 10_000_000) / 100).toFixed(2);
    const quote = await graphql<{
      quoteCoverageChange: {
        id: string;
        amountDueNow: { amount: string };
        remainingDays: number;
        periodDays: number;
      };
    }>(system.gatewayUrl, QUOTE_CHANGE, {
      token,
      variables: {
        id: policy.id,
        changes: [{ code: 'PROPERTY_BELONGINGS', sumInsured: { amount: newSum, currency: 'RUB' } }],
      },
    });
    expect(quote.errors).toBeUndefined();
    const priced = quote.data!.quoteCoverageChange;
    // 100 000 ₽ more at 5 ‰ a year is 500 ₽ for a whole year; the rest of the period pays its share.
    const expected = Math.round((50_000 * priced.remainingDays) / priced.periodDays);
    expect(priced.amountDueNow.amount).toBe((expected / 100).toFixed(2));

    const confirmed = await graphql<{
      confirmCoverageChange: {
        payment: { status: string; amount: { amount: string } };
        policy: {
          coverages: { code: string; sumInsured: { amount: string } }[];
          instalments: { kind: string; status: string }[];
        };
      };
    }>(system.gatewayUrl, CONFIRM_CHANGE, {
      token,
      variables: { quoteId: priced.id, card: await addCard(holder.id, APPROVED_CARD), key: randomUUID() },
    });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmCoverageChange.payment).toEqual({
      status: 'SUCCEEDED',
      amount: { amount: priced.amountDueNow.amount },
    });
    expect(confirmed.data?.confirmCoverageChange.policy.coverages).toContainEqual({
      code: 'PROPERTY_BELONGINGS',
      sumInsured: { amount: newSum },
    });
    expect(confirmed.data?.confirmCoverageChange.policy.instalments).toContainEqual(
      expect.objectContaining({ kind: 'ADJUSTMENT', status: 'PAID' }),
    );
  });

  it('pays an instalment once, however often the same request is sent at once', async () => {
    const { customer: holder, policy, instalmentId } = cast.instalments;
    const token = await as(holder.id);
    const variables = {
      policyId: policy.id,
      instalmentId,
      card: await addCard(holder.id, APPROVED_CARD),
      key: randomUUID(),
    };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        graphql<{
          payInstalment: {
            payment: { id: string; status: string };
            policy: { instalments: { id: string; status: string }[] };
          };
        }>(system.gatewayUrl, PAY, { token, variables }),
      ),
    );
    const paymentIds = new Set(answers.map((a) => a.data?.payInstalment.payment.id));
    expect(paymentIds.size).toBe(1);
    const after = await card(holder.id, policy.id);
    expect(after.data?.policy.instalments.find((i) => i.id === instalmentId)?.status).toBe('PAID');
    expect(after.data?.policy.payments).toHaveLength(1);
  });

  it('leaves a payment the bank did not answer PENDING, tells the customer to wait and keeps the instalment due', async () => {
    const { customer: holder, policy, nextInstalmentId } = cast.instalments;
    const response = await graphql<{
      payInstalment: {
        payment: { status: string; message: string };
        policy: { instalments: { id: string; status: string }[] };
      };
    }>(system.gatewayUrl, PAY_WITH_MESSAGE, {
      token: await as(holder.id),
      variables: {
        policyId: policy.id,
        instalmentId: nextInstalmentId,
        card: await addCard(holder.id, TIMEOUT_CARD),
        key: randomUUID(),
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.payInstalment.payment).toEqual({
      status: 'PENDING',
      message:
        'Платёж обрабатывается. Мы сообщим результат, как только банк его подтвердит; повторно оплачивать не нужно.',
    });
    expect(response.data?.payInstalment.policy.instalments).toContainEqual({
      id: nextInstalmentId,
      status: 'DUE',
    });
  });

  it('refuses payments to an account not confirmed on Gosuslugi', async () => {
    const { customer: holder, policy, instalmentId } = cast.instalments;
    const response = await graphql(system.gatewayUrl, PAY, {
      token: await as(holder.id, false),
      variables: { policyId: policy.id, instalmentId, card: randomUUID(), key: randomUUID() },
    });
    expect(codeOf(response)).toBe('ACCOUNT_NOT_CONFIRMED');
  });

  it('downloads the policy PDF with what a customer needs, and refuses a tampered link', async () => {
    const { customer: holder, policy } = cast.changing;
    const shown = await card(holder.id, policy.id);
    const url = shown.data!.policy.documentUrl;
    // Through the gateway's origin only: the policy service's own port is internal.
    expect(url.startsWith(`${new URL(system.gatewayUrl).origin}/files/policy/documents/policies/`)).toBe(
      true,
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('inline; filename="policy.pdf"');
    const pdf = new Uint8Array(await response.arrayBuffer());
    const text = oneLine(await pdfText(pdf));
    for (const fact of [
      `Полис № ${policy.number}`,
      `${holder.lastName} ${holder.firstName} ${holder.middleName}`,
      `Дата выдачи: ${formatRussianDate(moscowDate(new Date(policy.issuedAt)))}`,
      `с ${formatRussianDate(policy.period.startsOn)} по ${formatRussianDate(policy.period.endsOn)}`,
      `Статус на ${formatRussianDate(moscowDate(SEEDED_AT))}: действует`,
      INSURER_NAME,
      INSURER_LICENCE,
      `Адрес: ${INSURER_ADDRESS}`,
      `Горячая линия: ${INSURER_HOTLINE}`,
      'Что делать при страховом случае',
      'Подайте заявление о страховом случае в личном кабинете',
    ]) {
      expect(text).toContain(fact);
    }
    const pages = text.match(/Страница \d+ из (\d+)/g) ?? [];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages).toEqual(pages.map((_, index) => `Страница ${index + 1} из ${pages.length}`));

    const tampered = new URL(url);
    tampered.searchParams.set('exp', String(Number(tampered.searchParams.get('exp')) + 3_600_000));
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'DOCUMENT_LINK_INVALID' });
  });

  it('prints a QR code that anyone can open through the gateway to check the policy, and nothing more', async () => {
    const { customer: holder, policy } = cast.changing;
    const { productLabel } = (await card(holder.id, policy.id)).data!.policy;
    const [checkUrl, ...more] = await pdfQrCodes(await policyPdf(holder.id, policy.id));
    expect(more).toEqual([]);
    const check = new URL(checkUrl!);
    expect(check.origin).toBe(new URL(system.gatewayUrl).origin);
    expect(check.pathname).toBe('/files/policy/check');
    expect(checkUrl).not.toContain(policy.id);

    // Opened without any token or cookie, as a phone's camera app would.
    const answer = await fetch(check);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    const page = oneLine(htmlText(await answer.text()));
    for (const fact of [
      'Полис подлинный и действует',
      policy.number,
      productLabel,
      `с ${formatRussianDate(policy.period.startsOn)} по ${formatRussianDate(policy.period.endsOn)}`,
      'действует',
      INSURER_NAME,
    ]) {
      expect(page).toContain(fact);
    }
    for (const personal of [holder.lastName, holder.firstName, holder.id, policy.id]) {
      expect(page).not.toContain(personal);
    }

    // A link made up for another policy, or with its signature altered, shows nothing of any policy.
    const token = check.searchParams.get('token')!;
    const [payload, signature] = token.split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const other = cast.renewing.policy;
    const forged = Buffer.from(JSON.stringify({ ...grant, policyId: other.id })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature!.slice(1)}A`, '']) {
      const refused = new URL(check);
      refused.searchParams.set('token', bad);
      const refusal = await fetch(refused);
      expect(refusal.status).toBe(403);
      const body = await refusal.text();
      expect(body).toContain('Ссылка проверки недействительна');
      expect(body).not.toContain(policy.number);
      expect(body).not.toContain(other.number);
    }
  });

  it('dates the cancellation of a cancelled policy, on the PDF and on its check', async () => {
    const { customer: holder, policy } = cancelledPolicy();
    const cancelled = `расторгнут с ${formatRussianDate(policy.cancelledOn!)}`;
    const pdf = await policyPdf(holder.id, policy.id);
    expect(oneLine(await pdfText(pdf))).toContain(
      `Статус на ${formatRussianDate(moscowDate(SEEDED_AT))}: ${cancelled}`,
    );
    const [checkUrl] = await pdfQrCodes(pdf);
    const page = oneLine(htmlText(await (await fetch(checkUrl!)).text()));
    expect(page).toContain('Полис подлинный, но не действует');
    expect(page).toContain(cancelled);
  });

  it("keeps another customer's policy invisible on every path", async () => {
    const { policy } = cast.changing;
    const stranger = cast.stranger.id;
    const token = await as(stranger);
    const strangerCard = await addCard(stranger, APPROVED_CARD);

    expect(codeOf(await card(stranger, policy.id))).toBe('POLICY_NOT_FOUND');
    expect(
      codeOf(await graphql(system.gatewayUrl, QUOTE_RENEWAL, { token, variables: { id: policy.id } })),
    ).toBe('POLICY_NOT_FOUND');
    const change = await graphql(system.gatewayUrl, QUOTE_CHANGE, {
      token,
      variables: {
        id: policy.id,
        changes: [{ code: 'PROPERTY_LIABILITY', sumInsured: { amount: '500000.00', currency: 'RUB' } }],
      },
    });
    expect(codeOf(change)).toBe('POLICY_NOT_FOUND');
    const instalment = policy.instalments[0]!.id;
    const pay = await graphql(system.gatewayUrl, PAY, {
      token,
      variables: { policyId: policy.id, instalmentId: instalment, card: strangerCard, key: randomUUID() },
    });
    expect(codeOf(pay)).toBe('POLICY_NOT_FOUND');

    // The holder's own quote, used by someone else, is not found either.
    const holderQuote = await graphql<{ quoteRenewal: { id: string } | null }>(
      system.gatewayUrl,
      QUOTE_RENEWAL,
      {
        token: await as(cast.renewing.customer.id),
        variables: { id: cast.renewing.policy.id },
      },
    );
    const quoteId = holderQuote.data?.quoteRenewal?.id ?? randomUUID();
    const renew = await graphql(system.gatewayUrl, RENEW, {
      token,
      variables: { quoteId, card: strangerCard, key: randomUUID() },
    });
    expect(['QUOTE_NOT_FOUND', 'POLICY_NOT_FOUND']).toContain(codeOf(renew));

    // A link of the stranger's own, pointed at the other policy, fails its signature.
    const own = await graphql<{ me: { policies: { nodes: { id: string; documentUrl: string }[] } } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            policies(first: 1) {
              nodes {
                id
                documentUrl
              }
            }
          }
        }
      `,
      { token },
    );
    const ownNode = own.data!.me.policies.nodes[0]!;
    const redirected = ownNode.documentUrl.replace(`/${ownNode.id}.pdf`, `/${policy.id}.pdf`);
    expect((await fetch(redirected)).status).toBe(403);
  });
});
