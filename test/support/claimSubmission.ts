import { randomUUID } from 'node:crypto';
import { seededDay } from './demoCast.ts';
import { graphql, type GraphQLResponse } from './graphqlClient.ts';

export const SUBMIT_CLAIM = /* GraphQL */ `
  mutation SubmitClaim($input: SubmitClaimInput!, $key: String!) {
    submitClaim(input: $input, idempotencyKey: $key) {
      id
      number
      cursor
    }
  }
`;

export interface SubmittedClaim {
  readonly id: string;
  readonly number: string;
  readonly cursor: string;
}

export interface ClaimSubmission {
  /** The idempotency key; a fresh one unless a retry must reuse it. */
  readonly key?: string;
  readonly description?: string;
  readonly phone?: string;
  /** Names the operation, for tests that find it by name (traces, metrics). */
  readonly operationName?: string;
}

/** A flood reported today on `policyId`, filed through the gateway as a customer's app files it. */
export function submitClaim(
  gatewayUrl: string,
  token: string,
  policyId: string,
  submission: ClaimSubmission = {},
): Promise<GraphQLResponse<{ submitClaim: SubmittedClaim }>> {
  const document = submission.operationName
    ? SUBMIT_CLAIM.replace('SubmitClaim(', `${submission.operationName}(`)
    : SUBMIT_CLAIM;
  return graphql<{ submitClaim: SubmittedClaim }>(gatewayUrl, document, {
    token,
    variables: {
      key: submission.key ?? randomUUID(),
      input: {
        policyId,
        incident: {
          occurredOn: seededDay(),
          kind: 'Залив',
          place: 'Москва, ул. Примерная, 1',
          description: submission.description ?? 'Протечка с верхнего этажа',
        },
        contact: { phone: submission.phone ?? '+7 916 765-43-21' },
      },
    },
  });
}
