/** The cabinet's queries both modes of the gateway bench send: the home screen crosses subgraphs. */
export const HOME_SCREEN = /* GraphQL */ `
  {
    me {
      fullName
      policies(first: 20) {
        nodes {
          number
        }
      }
      claims {
        totalCount
      }
    }
  }
`;
export const SINGLE_SUBGRAPH = /* GraphQL */ `
  query ($id: UUID!) {
    policy(id: $id) {
      number
      status
    }
  }
`;
