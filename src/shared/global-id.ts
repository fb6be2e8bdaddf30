/** Global object ids (Relay `Node`): base64url of "Type:dbId", opaque to clients. */
export type NodeTypeName =
  | 'Organization'
  | 'Project'
  | 'Policy'
  | 'Review'
  | 'Finding'
  | 'AccessRequest'
  | 'Rectification'
  | 'Evidence'
  | 'Recognition'
  | 'Consultation'
  | 'FindingGroup'
  | 'InspectionPlan'
  | 'ClueReferral';
const NODE_TYPES: ReadonlySet<string> = new Set([
  'Organization',
  'Project',
  'Policy',
  'Review',
  'Finding',
  'AccessRequest',
  'Rectification',
  'Evidence',
  'Recognition',
  'Consultation',
  'FindingGroup',
  'InspectionPlan',
  'ClueReferral',
]);

export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Returns null for anything that is not an id this hub issued (never throws on user input). */
export function fromGlobalId(gid: string): { type: NodeTypeName; id: number } | null {
  if (typeof gid !== 'string' || gid.length > 64) return null;
  const raw = Buffer.from(gid, 'base64url').toString('utf8');
  const i = raw.indexOf(':');
  if (i < 0) return null;
  const type = raw.slice(0, i);
  const id = Number(raw.slice(i + 1));
  if (!NODE_TYPES.has(type) || !Number.isSafeInteger(id) || id <= 0 || String(id) !== raw.slice(i + 1))
    return null;
  return { type: type as NodeTypeName, id };
}
