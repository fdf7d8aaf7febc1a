import type { Collection, FindQuery } from './port.ts';

const SCAN_PAGE = 500;

/** Every id matching `where`, read page by page. */
export async function idsWhere(
  collection: Collection<unknown>,
  where: FindQuery['where'],
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await collection.find({ where, first: SCAN_PAGE, ...(after ? { after } : {}) });
    ids.push(...page.items.map((item) => item.id));
    if (!page.hasNextPage || page.endCursor === null) return ids;
    after = page.endCursor;
  }
}

/** Deletes every document of a collection, e.g. a read model before its rebuild from the log. */
export async function clearCollection(collection: Collection<unknown>): Promise<void> {
  for (;;) {
    const page = await collection.find({ first: SCAN_PAGE });
    if (page.items.length === 0) return;
    await Promise.all(page.items.map((item) => collection.delete(item.id)));
  }
}
