// Values as they appear on paper: times on the terminal's clock and masked phone numbers.

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats a time in the terminal's local time zone as "2026-05-12 09:05". */
export function formatLocalDateTime(time: Date): string {
  const date = `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())}`;
  return `${date} ${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}`;
}

/** Formats an ISO date-time like formatLocalDateTime, or returns the text unchanged when it is not one. */
export function formatIsoDateTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : formatLocalDateTime(time);
}

/**
 * Masks a phone number for a receipt: the first three and last four digits stay and the rest
 * become "*" (13812345678 -> 138****5678, 073112345678 -> 073*****5678). A number of seven
 * digits or fewer becomes all "*", because those seven would show it whole.
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
