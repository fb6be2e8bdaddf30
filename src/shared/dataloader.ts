/** DataLoader shapes shared by the modules' per-request loaders. */
import DataLoader from 'dataloader';

/** One row per id (null when absent), fetched in batches of at most 500 ids. */
export function byId<T extends { dbId: number }>(fetch: (ids: readonly number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(
    async (ids) => {
      const rows = await fetch(ids);
      const m = new Map(rows.map((r) => [r.dbId, r]));
      return ids.map((id) => m.get(id) ?? null);
    },
    { maxBatchSize: 500 },
  );
}

/** Many rows per parent id, in the order fetched: `fetch` returns rows, `parentOf` names each one's parent. */
export function byParent<R, T = R>(
  fetch: (ids: readonly number[]) => Promise<R[]>,
  parentOf: (r: R) => number,
  map: (r: R) => T = (r) => r as unknown as T,
) {
  return new DataLoader<number, T[]>(
    async (ids) => {
      const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
      for (const r of await fetch(ids)) groups.get(parentOf(r))?.push(map(r));
      return ids.map((id) => groups.get(id)!);
    },
    { maxBatchSize: 500 },
  );
}
