import { Entity, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * Evidence bytes in PostgreSQL, for hubs on a real PostgreSQL (every instance reaches them): one
 * file is the chunks of its SHA-256 in order, written in one transaction, so a file is either
 * complete or absent. See DatabaseEvidenceStore (evidence.db-store.ts) for why a table and not large
 * objects.
 */
@Entity({ tableName: 'evidence_blob' })
export class EvidenceBlob {
  [PrimaryKeyProp]?: ['sha256', 'seq'];

  @Property({ type: 'string', length: 64, primary: true })
  sha256!: string;

  /** 0, 1, 2 … */
  @Property({ type: 'integer', primary: true })
  seq!: number;

  @Property({ type: 'blob' })
  data!: Buffer;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
