/**
 * Look-ahead from a connection field's resolve info: which fields of its nodes the operation asks
 * for (under `nodes` and `edges { node }`, through fragments and inline fragments), and whether it
 * asks for `totalCount` — so a repository reads only those columns, and starts the count together
 * with the page instead of after it.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export interface ConnectionNeeds {
  /** Field names selected on the node type (any implementation); null = unknown, read everything. */
  nodeFields: Set<string> | null;
  /** For each selected node field, the field names selected under it (e.g. project -> name, ownerUnit). */
  nodeSubfields?: Map<string, Set<string>>;
  totalCount: boolean;
}

function collect(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  out: Map<string, FieldNode[]>,
  seen = new Set<string>(),
): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      out.set(name, [...(out.get(name) ?? []), sel]);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(info, sel.selectionSet, out, seen);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD && !seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      collect(info, info.fragments[sel.name.value]?.selectionSet, out, seen);
    }
  }
}

function fieldsUnder(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  for (const n of nodes) collect(info, n.selectionSet, out);
  return out;
}

/** What the current (connection) field's selection asks of its nodes. */
export function connectionNeeds(info: GraphQLResolveInfo | undefined): ConnectionNeeds {
  if (!info) return { nodeFields: null, totalCount: true };
  // directives (@include/@skip) are ignored: a field that might be asked for counts as asked
  const top = fieldsUnder(info, info.fieldNodes);
  const nodeLevel = [...(top.get('nodes') ?? [])];
  for (const edge of top.get('edges') ?? []) nodeLevel.push(...(fieldsUnder(info, [edge]).get('node') ?? []));
  const fields = fieldsUnder(info, nodeLevel);
  return {
    nodeFields: new Set(fields.keys()),
    nodeSubfields: new Map([...fields].map(([k, nodes]) => [k, new Set(fieldsUnder(info, nodes).keys())])),
    totalCount: top.has('totalCount'),
  };
}
