/**
 * Exact decimals. Money never passes through a float: text is parsed as digits, 万元 → 元 is a shift
 * of the decimal point on the digit string, and BigInt only strips leading zeros.
 */
import type { AmountUnit } from './ledger.columns.js';

export type DecimalParse = { ok: true; int: string; frac: string } | { ok: false; negative: boolean };

const DECIMAL_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * Parses a non-negative decimal as officials type it: full-width digits and separators (NFKC),
 * thousands separators in groups of three ("1,234.56"), surrounding spaces. Returns the digits.
 */
export function parseDecimalText(text: string): DecimalParse {
  const s = text.normalize('NFKC').trim();
  if (/^[-−]/u.test(s)) return { ok: false, negative: true };
  const m = DECIMAL_RE.exec(s);
  if (!m) return { ok: false, negative: false };
  if (m[3] !== undefined) return { ok: true, int: '0', frac: m[3] };
  return { ok: true, int: m[1]!.replace(/,/g, ''), frac: m[2] ?? '' };
}

export type YuanParse =
  { ok: true; yuan: string } | { ok: false; reason: 'FORMAT' | 'NEGATIVE' | 'PRECISION' | 'TOO_LARGE' };

/** Digits before the point the amount column (decimal(18,2)) can hold. */
const MAX_YUAN_INT_DIGITS = 16;

/**
 * An amount in `unit` as exact yuan with two decimals: toYuan("0.0001", 'WAN_YUAN') = "1.00".
 * More precise than a fen (元 with 3+ decimals, 万元 with 7+) is refused rather than rounded: money
 * that silently changes on import cannot be reconciled with the agency's report.
 */
export function toYuan(text: string, unit: AmountUnit): YuanParse {
  const d = parseDecimalText(text);
  if (!d.ok) return { ok: false, reason: d.negative ? 'NEGATIVE' : 'FORMAT' };
  const shift = unit === 'WAN_YUAN' ? 4 : 0;
  const frac = d.frac.padEnd(shift, '0');
  const intDigits = BigInt(d.int + frac.slice(0, shift)).toString();
  const rest = frac.slice(shift).replace(/0+$/, '');
  if (rest.length > 2) return { ok: false, reason: 'PRECISION' };
  if (intDigits.length > MAX_YUAN_INT_DIGITS) return { ok: false, reason: 'TOO_LARGE' };
  return { ok: true, yuan: `${intDigits}.${rest.padEnd(2, '0')}` };
}

/**
 * A number from a spreadsheet cell or JSON as a plain decimal string, without binary noise.
 *
 * Why not the number's digits as they are: a computed cell (=B2*1.1, =0.1+0.2) stores
 * 0.30000000000000004. Why not a fixed number of decimals (toFixed): it would silently round a
 * genuinely typed 1.1234567 万元 to a fen-exact value. A double holds 15 significant decimal digits
 * exactly, and Excel itself keeps 15, so: a number whose shortest round-trip string has at most 15
 * significant digits is exactly what was typed and is taken as is; one with more is arithmetic noise
 * and is cut back to 15 significant digits. Exponent forms (1e-7, 1.2e+21) are expanded.
 */
export function numberToDecimalString(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  let s = String(n);
  if (significantDigits(s) > 15) s = n.toPrecision(15);
  return stripFractionZeros(expandExponent(s));
}

function significantDigits(s: string): number {
  const mantissa = s.replace(/^-/, '').split('e')[0]!.replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?e([+-]?\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const digits = int! + frac;
  const point = int!.length + Number(expText);
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + plain;
}

function stripFractionZeros(s: string): string {
  const out = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return out === '-0' ? '0' : out;
}
