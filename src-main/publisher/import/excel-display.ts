// The text Excel displays for a number cell. Reports show the worker the same text as the sheet,
// so damage is visible: an 18-digit ID number stored as a number shows as 4.30123E+17.

/**
 * Width of Excel's General format in a default-width column: 11 characters, and one more for a
 * minus sign. Numbers that do not fit switch to scientific notation with six significant digits.
 */
const GENERAL_WIDTH = 11;

/** Formats a number as Excel's General format does in a default-width column. */
export function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';

  const width = GENERAL_WIDTH + (value < 0 ? 1 : 0);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e21) {
    const integerDigits = Math.trunc(magnitude).toString().length + (value < 0 ? 1 : 0);
    if (integerDigits <= width) {
      const decimals = Math.max(0, width - integerDigits - 1);
      const fixed = trimFraction(value.toFixed(decimals));
      if (fixed !== '0' && fixed !== '-0') return fixed;
    }
  }
  return scientific(value);
}

function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function scientific(value: number): string {
  const [mantissa = '', exponent = '0'] = value.toExponential(5).split('e');
  const power = Number(exponent);
  const digits = String(Math.abs(power)).padStart(2, '0');
  return `${trimFraction(mantissa)}E${power < 0 ? '-' : '+'}${digits}`;
}

/**
 * Formats a number with the cell's number format where it is one that department exports use
 * for amounts and ID numbers ("0", "0.00", "#,##0", "#,##0.00"); any other format is shown as
 * General. Excel keeps 15 significant digits, so a longer integer shows zeros at the end.
 */
export function formatWithNumberFormat(value: number, numberFormat: string | undefined): string {
  const format = numberFormat?.trim();
  const match = /^(#,##)?0(?:\.(0+))?$/.exec(format ?? '');
  if (!match || !Number.isFinite(value)) return formatGeneral(value);

  const decimals = match[2]?.length ?? 0;
  let text = Math.abs(value) >= 1e15 ? fifteenDigitInteger(value) : value.toFixed(decimals);
  if (match[1]) {
    const [integer = '', fraction] = text.split('.');
    const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    text = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  }
  return text;
}

/** A large number as Excel shows it with format "0": 15 significant digits, then zeros. */
function fifteenDigitInteger(value: number): string {
  const [mantissa = '', exponent = '0'] = value.toExponential(14).split('e');
  const digits = mantissa.replace('-', '').replace('.', '');
  const length = Number(exponent) + 1;
  const integer = length > digits.length ? digits.padEnd(length, '0') : digits.slice(0, length);
  return (value < 0 ? '-' : '') + integer;
}
