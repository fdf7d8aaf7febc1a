import { CommonErrors } from '@cabinet/kernel';
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ description: 'Relay-style paging state' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A cursor-paged list of `Node`; subclass it with `@ObjectType()` to name it. */
export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All items that match, across pages' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;

/** Validates a client's `first`: 1 to MAX_PAGE_SIZE. */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw CommonErrors.badInput('first', `Размер страницы должен быть от 1 до ${MAX_PAGE_SIZE}.`);
  }
  return first;
}
