import type { Collection } from '@cabinet/platform';

/** Deletes every document of a read model's collection, before a rebuild from the start of the log. */
export async function clearCollection(collection: Collection<unknown>): Promise<void> {
  for (;;) {
    const page = await collection.find({ first: 500 });
    if (page.items.length === 0) return;
    await Promise.all(page.items.map((item) => collection.delete(item.id)));
  }
}
