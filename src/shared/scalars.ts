import { GraphQLScalarType, Kind } from 'graphql';

const MONEY_RE = /^-?\d{1,16}(\.\d{1,2})?$/;

/** Normalises "12.5" to "12.50"; exact string arithmetic, never a float. */
export function normaliseMoney(v: string): string {
  const neg = v.startsWith('-');
  const [int, frac = ''] = (neg ? v.slice(1) : v).split('.');
  const s = `${BigInt(int!).toString()}.${frac.padEnd(2, '0')}`;
  return neg && s !== '0.00' ? '-' + s : s;
}

function parseMoney(v: unknown): string {
  if (typeof v !== 'string' || !MONEY_RE.test(v)) {
    throw new TypeError('Money must be a decimal string in yuan with at most two decimals, e.g. "12345.67"');
  }
  return normaliseMoney(v);
}

export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description:
    'An exact amount of money in yuan (元) as a decimal string with two decimals, e.g. "12345.67" (金额，单位元). ' +
    'Never a float.',
  serialize: (v) => (typeof v === 'string' ? v : String(v)),
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Money must be given as a string, e.g. "12345.67"');
    return parseMoney(ast.value);
  },
});
