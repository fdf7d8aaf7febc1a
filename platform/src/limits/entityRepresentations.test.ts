import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { representationsRefusal } from './entityRepresentations.ts';

const representations = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ __typename: 'Policy', id: String(index) }));
const countOf = (query: string, variableValues: Record<string, unknown> = {}) =>
  representationsRefusal(2, { document: parse(query), variableValues });

describe('representationsRefusal', () => {
  const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

  it('lets a call within the bound through', () => {
    expect(countOf(ENTITIES, { r: representations(2) })).toBeUndefined();
  });

  it('refuses a call above it with a code', () => {
    expect(countOf(ENTITIES, { r: representations(3) })?.extensions['code']).toBe('TOO_MANY_REPRESENTATIONS');
  });

  it('counts inline lists, aliases and fields inside fragments at the root together', () => {
    const query = `
      query ($r: [_Any!]!) {
        a: _entities(representations: [{ __typename: "Policy", id: "1" }]) { __typename }
        ... on Query { b: _entities(representations: $r) { __typename } }
        ...More
      }
      fragment More on Query { _entities(representations: $r) { __typename } }
    `;
    expect(countOf(query, { r: representations(1) })?.message).toContain('3');
  });

  it('ignores other fields', () => {
    expect(countOf('{ policies(first: 100) { id } }')).toBeUndefined();
  });
});
