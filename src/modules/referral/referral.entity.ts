import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { registerDescribedEnum } from '../../shared/enums.js';
import { BaseEntity } from '../../shared/base.entity.js';
import { Finding } from '../finding/finding.entity.js';
import { Organization } from '../organization/organization.entity.js';

export enum ReferralStatus {
  REFERRED = 'REFERRED',
  ACCEPTED = 'ACCEPTED',
  PRELIMINARY_VERIFICATION = 'PRELIMINARY_VERIFICATION',
  CASE_OPENED = 'CASE_OPENED',
  CONCLUDED = 'CONCLUDED',
  TRANSFERRED_TO_JUDICIARY = 'TRANSFERRED_TO_JUDICIARY',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
}
registerDescribedEnum(
  ReferralStatus,
  'ReferralStatus',
  'Handling status of a referred clue, as the discipline commission returns it (线索处置状态).',
  {
    REFERRED: 'Referred, not yet accepted (已移送).',
    ACCEPTED: 'Accepted by the commission (已受理).',
    PRELIMINARY_VERIFICATION: 'Under preliminary verification (初步核实).',
    CASE_OPENED: 'A case is opened for review and investigation (立案审查调查).',
    CONCLUDED: 'Concluded without a case or after handling (了结).',
    TRANSFERRED_TO_JUDICIARY: 'Transferred to the judicial organs (移送司法机关).',
    NOT_ACCEPTED: 'Not accepted, with the commission’s feedback (不予受理).',
  },
);

/** A clue referral (问题线索移送) from an oversight agency to the discipline commission. */
@Entity({ tableName: 'clue_referral' })
@Unique({ properties: ['referrer', 'documentNumber'] })
export class ClueReferral extends BaseEntity {
  @ManyToOne(() => Organization)
  @Index()
  referrer!: Organization;

  @ManyToOne(() => Organization)
  @Index()
  commission!: Organization;

  /** 移送函文号, e.g. 鹤审移〔2025〕3号. */
  @Property({ type: 'text' })
  documentNumber!: string;

  @Property({ type: 'date' })
  referredOn!: string;

  /** The facts as referred (RESTRICTED: the referrer and the commission). */
  @Property({ type: 'text' })
  facts!: string;

  @Enum({ items: () => ReferralStatus, type: 'text' })
  @Index()
  status!: ReferralStatus;

  /** What the commission chooses to tell the referrer (处置反馈). */
  @Property({ type: 'text', nullable: true })
  feedback?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  statusUpdatedAt?: Date | null;

  /** The commission's own notes on the handling (办理情况): the commission alone. */
  @Property({ type: 'text', nullable: true })
  handlingNotes?: string | null;

  @Property({ type: 'text' })
  referredByUser!: string;
}

@Entity({ tableName: 'clue_referral_finding' })
export class ClueReferralFinding {
  [PrimaryKeyProp]?: ['referral', 'finding'];

  @ManyToOne(() => ClueReferral, { primary: true, deleteRule: 'cascade' })
  referral!: ClueReferral;

  @ManyToOne(() => Finding, { primary: true })
  @Index()
  finding!: Finding;
}
