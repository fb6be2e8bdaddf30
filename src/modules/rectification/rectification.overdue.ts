/**
 * Overdue is derived, never stored: past the deadline, or, for accepted long-term work, past the next
 * milestone. `daysOverdue` is the TypeScript side; `overdueSql` (rectification.repo.ts) the SQL side.
 */
import {
  RectificationKind,
  RectificationState as St,
  VerificationConclusion,
} from './rectification.entity.js';

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Days past the deadline (or, for accepted long-term work, past the next milestone), as of `on`. */
export function daysOverdue(
  t: {
    state: St;
    deadline: string;
    next_milestone: string | null;
    conclusion: VerificationConclusion | null;
    kind: RectificationKind;
  },
  on = today(),
): number {
  if (t.state === St.CLOSED) return 0;
  const due =
    t.kind === RectificationKind.LONG_TERM &&
    t.conclusion === VerificationConclusion.CONTINUING &&
    t.next_milestone
      ? t.next_milestone
      : t.deadline;
  const d = (Date.parse(on) - Date.parse(due)) / 86_400_000;
  return d > 0 ? Math.floor(d) : 0;
}
