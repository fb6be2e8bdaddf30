const KIND_ZH = { IMMEDIATE: '立行立改', DEADLINE: '限期整改', LONG_TERM: '持续整改' } as Record<
  string,
  string
>;
const CONCLUSION_ZH = { RECTIFIED: '已整改', CONTINUING: '持续整改', NOT_RECTIFIED: '未整改' } as Record<
  string,
  string
>;

/** One Chinese sentence per timeline event, as a supervisor or unit reads it. */
export function summarise(type: string, p: Record<string, unknown>): string {
  switch (type) {
    case 'CREATED':
      return `创建整改任务（${KIND_ZH[p.kind as string] ?? ''}），整改时限${p.deadline as string}`;
    case 'STARTED':
      return '开始整改';
    case 'REPORTED':
      return `报送整改进展：${p.text as string}（进度${p.percent as number}%${p.moneyRecovered ? `，追回/归还资金${p.moneyRecovered as string}元` : ''}${p.rulesEstablished ? `，建章立制：${p.rulesEstablished as string}` : ''}）`;
    case 'SUBMITTED':
      return `提交第${p.submission as number}轮整改结果，待共督部门核验`;
    case 'APPROVED':
      return `核验通过（${CONCLUSION_ZH[p.conclusion as string] ?? ''}）${p.closes ? '，全部共督部门已通过，任务销号' : ''}`;
    case 'RETURNED':
      return `核验退回（未整改）：${p.reason as string}`;
    case 'ACCEPTED_LONG_TERM':
      return `认定为持续整改，下一阶段节点${p.nextMilestone as string}`;
    case 'EXTENSION_REQUESTED':
      return `申请延期至${p.newDeadline as string}（原时限${p.oldDeadline as string}）：${p.reason as string}`;
    case 'EXTENSION_GRANTED':
      return `同意延期：整改时限由${p.oldDeadline as string}调整为${p.newDeadline as string}`;
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
