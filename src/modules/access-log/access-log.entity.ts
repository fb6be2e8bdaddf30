import { Entity, Index, Property } from '@mikro-orm/core';

/**
 * 查询留痕: one row per sensitive record read in one request — who, what (record and field names,
 * never values), when, through which operation. Append-only: a trigger forbids UPDATE and DELETE.
 */
@Entity({ tableName: 'access_log' })
@Index({ properties: ['ownerId', 'at'] })
@Index({ properties: ['recordType', 'recordId'] })
export class AccessLogEntry {
  @Property({ type: 'bigint', primary: true, autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  /** Reader's organisation (db id); null for PUBLIC. */
  @Property({ type: 'integer', nullable: true })
  readerOrgId?: number | null;

  @Property({ type: 'text', nullable: true })
  readerUser?: string | null;

  @Property({ type: 'text' })
  readerRole!: string;

  @Property({ type: 'text', nullable: true })
  operation?: string | null;

  @Property({ type: 'text' })
  requestId!: string;

  /** 'Finding' or 'Review'. */
  @Property({ type: 'text' })
  recordType!: string;

  @Property({ type: 'integer' })
  recordId!: number;

  /** Owning (authoring) agency of the record, for "who read my records". */
  @Property({ type: 'integer' })
  ownerId!: number;

  @Property({ type: 'text' })
  sensitivity!: string;

  @Property({ type: 'jsonb' })
  fields!: string[];
}
