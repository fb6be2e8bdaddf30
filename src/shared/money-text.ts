/** Exact money (yuan strings ⇄ fen bigints) and the way officials write amounts, dates and percentages. */

/** "1234.5" / "1234.50" → 123450n (fen). */
export function toFen(yuan: string): bigint {
  const neg = yuan.startsWith('-');
  const [i, f = ''] = (neg ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -fen : fen;
}

/** 123450n → "1234.50". */
export function fenToYuan(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** 123456789n fen → "123.46万元" (two decimals, half up), as budget meetings and ledgers write it. */
export function wanText(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const hundredths = (a + 5000n) / 10000n; // 1 万元 = 1,000,000 fen; two decimals = 10,000 fen
  return `${neg ? '-' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}万元`;
}

/** "2025-06-30" (or a longer ISO timestamp, read as its date) → "2025年6月30日". */
export function dateText(iso: string): string {
  return `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
