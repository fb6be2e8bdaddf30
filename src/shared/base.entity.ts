import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** Columns every table has: serial id, timestamps and the optimistic-lock version. */
export abstract class BaseEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Optimistic lock: every update checks and bumps it, so concurrent writers cannot lose updates. */
  @Property({ type: 'integer', version: true, default: 1 })
  version: number = 1;
}
