import { badInput } from './errors.js';
import { fromGlobalId, type NodeTypeName } from './global-id.js';

/** Decodes global ids of one type given as filter input; a malformed or foreign id is BAD_USER_INPUT. */
export function dbIds(
  ids: readonly string[] | null | undefined,
  type: NodeTypeName,
  field: string,
): number[] | null {
  if (ids == null) return null;
  if (ids.length > 500) throw badInput(`"${field}" accepts at most 500 ids`, field);
  return ids.map((g) => {
    const d = fromGlobalId(g);
    if (!d || d.type !== type)
      throw badInput(`"${field}" must contain ${type} ids; "${String(g).slice(0, 64)}" is not one`, field);
    return d.id;
  });
}

export function dbId(id: string | null | undefined, type: NodeTypeName, field: string): number | null {
  if (id == null) return null;
  return dbIds([id], type, field)![0]!;
}
