import { dateText, toFen, wanText } from '../../shared/money-text.js';

const KIND_ZH = {
  IMMEDIATE: '立行立改',
  DEADLINE: '分阶段整改（限期整改）',
  LONG_TERM: '持续整改',
} as Record<string, string>;
const CONCLUSION_ZH = {
  RECTIFIED: '已整改',
  PARTLY: '部分整改',
  CONTINUING: '持续整改',
  NOT_RECTIFIED: '未整改',
} as Record<string, string>;

/** 整改金额构成 in the order ledgers list it. */
export const MONEY_KIND_ZH: [string, string][] = [
  ['recovered', '追回'],
  ['returnedToChannel', '归还原渠道'],
  ['paidToTreasury', '上缴财政'],
  ['accountsAdjusted', '调账'],
  ['revitalised', '盘活'],
];

/** An amount as people read it: 万元 with two decimals from 1万元 up, exact 元 below (0.01万元 says nothing). */
export function moneyText(yuan: string): string {
  const fen = toFen(yuan);
  return fen >= 1_000_000n || fen <= -1_000_000n ? wanText(fen) : `${yuan}元`;
}

/** "追回10.00万元、上缴财政3500.00元" from a breakdown, zeros left out. */
export function breakdownText(money: Record<string, unknown> | null | undefined): string {
  if (!money) return '';
  return MONEY_KIND_ZH.filter(([k]) => money[k] != null && toFen(String(money[k])) !== 0n)
    .map(([k, zh]) => `${zh}${moneyText(String(money[k]))}`)
    .join('、');
}

const day = (iso: unknown) => (typeof iso === 'string' && iso.length >= 10 ? dateText(iso) : '');

function reportMoney(p: Record<string, unknown>): string {
  if (!p.moneyRecovered || toFen(String(p.moneyRecovered)) === 0n) return '';
  const parts = breakdownText(p.money as Record<string, unknown> | undefined);
  return `，整改金额${moneyText(String(p.moneyRecovered))}${parts ? `（${parts}）` : ''}`;
}

const verified = (p: Record<string, unknown>) => {
  const t = breakdownText(p.moneyVerified as Record<string, unknown> | undefined);
  return t ? `，核定整改金额：${t}` : '';
};

/** One Chinese sentence per timeline event, as a supervisor or unit reads it. */
export function summarise(type: string, p: Record<string, unknown>): string {
  switch (type) {
    case 'CREATED':
      return `创建整改任务（${KIND_ZH[p.kind as string] ?? ''}），整改时限${day(p.deadline)}`;
    case 'STARTED':
      return '开始整改';
    case 'REPORTED':
      return `报送整改进展：${p.text as string}（进度${p.percent as number}%${reportMoney(p)}${p.rulesEstablished ? `，建章立制：${p.rulesEstablished as string}` : ''}）`;
    case 'SUBMITTED':
      return `提交第${p.submission as number}轮整改结果，待共督部门核验`;
    case 'APPROVED':
      return `核验通过（${CONCLUSION_ZH[p.conclusion as string] ?? ''}）${verified(p)}${p.closes ? '，全部共督部门已通过，任务销号' : ''}`;
    case 'PARTLY_RECTIFIED':
      return `核验结论为部分整改，继续整改：${p.reason as string}${verified(p)}`;
    case 'RETURNED':
      return `核验退回（未整改）：${p.reason as string}`;
    case 'ACCEPTED_LONG_TERM':
      return `认定为持续整改，下一阶段节点${day(p.nextMilestone)}`;
    case 'EXTENSION_REQUESTED':
      return `申请延期至${day(p.newDeadline)}（原时限${day(p.oldDeadline)}）：${p.reason as string}`;
    case 'EXTENSION_GRANTED':
      return `同意延期：整改时限由${day(p.oldDeadline)}调整为${day(p.newDeadline)}`;
    case 'EXTENSION_REFUSED':
      return `不同意延期：${p.reason as string}`;
    case 'REOPENED':
      return `回头看，重新打开：${p.reason as string}`;
    case 'REMINDED':
      return `催办：${p.message as string}`;
    case 'ESCALATED':
      return `逾期${p.daysOverdue as number}天，提级督办${p.toName ? `（报${p.toName as string}）` : ''}：${p.reason as string}`;
    default:
      return type;
  }
}
