/** Exact money (yuan strings ⇄ fen bigints) and the way officials write amounts, dates and percentages. */

/** fen × basis points / 10000, rounded half up to the fen (shares of a budget). */
export function shareOf(fen: bigint, bp: number): bigint {
  return (fen * BigInt(bp) + 5000n) / 10000n;
}

export { dateText, fenToYuan, toFen, wanText } from '../../shared/money-text.js';

/** 12.345 → "12.3%". */
export const pctText = (x: number) => `${(Math.round(x * 10) / 10).toFixed(1)}%`;

/** Basis points → "10%" / "12.5%". */
export const bpText = (bp: number) => `${(bp / 100).toString()}%`;
