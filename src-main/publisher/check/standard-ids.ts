// Identifiers of the standard rows that the import makes up: household_id and payment_id. Both
// reach the kiosk snapshot, so neither may reveal an ID number. A plain hash would: the ID numbers
// of one county are few enough (six known digits, a birth date, three digits) to hash them all.
// Both are therefore HMAC-SHA256 under a key that only the county holds. The same key and the same
// file content give the same identifiers, so a new version's delta touches only what changed.
import { createHmac, randomBytes } from 'node:crypto';

/** Bytes of a fresh key; HMAC-SHA256 gains nothing from a longer one. */
export const ID_KEY_BYTES = 32;

export function newIdKey(): Buffer {
  return randomBytes(ID_KEY_BYTES);
}

function keyedHex(key: Uint8Array, text: string, characters: number): string {
  return createHmac('sha256', key).update(text).digest('hex').slice(0, characters);
}

/** Returns the household_id of the household whose head has `headIdNumber`: village code, dash, 16 hex digits. */
export function householdId(key: Uint8Array, villageCode: string, headIdNumber: string): string {
  return `${villageCode}-${keyedHex(key, `household\u0000${headIdNumber}`, 16)}`;
}

/**
 * Returns the payment_id of a payment: item code, dash, 20 hex digits. `occurrence` counts the
 * payments with the same fields before this one, so two identical rows keep two identifiers.
 */
export function paymentId(
  key: Uint8Array,
  payment: { idNumber: string; itemCode: string; period: string; paidOn: string; amountFen: number },
  occurrence: number,
): string {
  const text = `payment\u0000${payment.idNumber}\u0000${payment.itemCode}\u0000${payment.period}\u0000${payment.paidOn}\u0000${payment.amountFen}\u0000${occurrence}`;
  return `${payment.itemCode}-${keyedHex(key, text, 20)}`;
}
