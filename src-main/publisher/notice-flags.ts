// Checks of the flags of `minsheng notice publish`: each bad value becomes a NoticeError whose
// code is a key of the notice message namespace and whose params name the flag, the value and
// the fix.
import { randomBytes } from 'node:crypto';
import {
  NOTICE_BODY_MAX,
  NOTICE_ID_PATTERN,
  NOTICE_MAX_DAYS,
  NOTICE_REGION_PATTERN,
  NOTICE_TITLE_MAX,
  chinaTimeIso,
} from '../../src-shared/emergency-notices.js';
import type { EmergencyNotice } from '../../src-shared/emergency-notices.js';

export class NoticeError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'NoticeError';
  }
}

export interface NoticeFlags {
  region: string;
  title: string;
  body: string;
  start: string;
  end: string;
  id?: string;
}

// Date and time with seconds optional and a zone required: 2025-07-01T08:00+08:00 or …Z. A time
// without a zone would mean the publisher's zone, which the terminals may not share.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Returns the message code of the part of a zoned ISO value that does not exist, or null when all parts do. */
function missingPart(value: string): { code: string; part: string } | null {
  const [date, time] = value.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Date.UTC would turn 02-30 into 03-02, so the date is checked by a round trip.
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) return { code: 'errors.dateNotExist', part: date };
  const [hour, minute] = time.slice(0, 5).split(':').map(Number) as [number, number];
  if (hour > 23 || minute > 59) return { code: 'errors.clockNotExist', part: time.slice(0, 5) };
  const zone = time.match(/[+-]\d{2}:\d{2}$/)?.[0];
  // Offsets in use run from -12:00 to +14:00.
  if (zone !== undefined && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return { code: 'errors.zoneNotExist', part: zone };
  return null;
}

/** Parses a --start or --end value; throws NoticeError naming the flag and the part that is wrong. */
export function parseNoticeTime(flag: string, value: string): Date {
  if (!ISO_WITH_ZONE.test(value)) throw new NoticeError('errors.invalidTime', { flag, value });
  const missing = missingPart(value);
  if (missing !== null) throw new NoticeError(missing.code, { flag, value, part: missing.part });
  return new Date(Date.parse(value));
}

/** Counts characters as a reader does: a Chinese character or an emoji is one. */
function characterCount(text: string): number {
  return [...text].length;
}

// Format characters (zero-width spaces, joiners, direction marks), separators and controls show nothing.
const INVISIBLE = /[\p{Cf}\p{Z}\p{Cc}]/gu;

// Embeddings, overrides and isolates reorder the text on screen, so "\u202e知通急紧" reads as
// 紧急通知. A notice never needs them: Chinese and the digits in it run left to right.
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;

function checkText(flag: string, value: string, max: number): string {
  const text = value.trim();
  if (text.replace(INVISIBLE, '').length === 0) throw new NoticeError('errors.emptyText', { flag });
  if (DIRECTION_CONTROLS.test(text)) throw new NoticeError('errors.directionControl', { flag });
  const count = characterCount(text);
  if (count > max) throw new NoticeError('errors.textTooLong', { flag, count, max });
  return text;
}

/** Checks a --id value, which names the notice to replace or end. */
export function checkNoticeId(value: string): string {
  if (!NOTICE_ID_PATTERN.test(value)) throw new NoticeError('errors.invalidId', { value });
  return value;
}

/** Returns a new notice ID: the start date in China time and four random hex digits, such as 20250701-3fa2. */
function newNoticeId(startsAt: Date): string {
  return `${chinaTimeIso(startsAt.toISOString()).slice(0, 10).replaceAll('-', '')}-${randomBytes(2).toString('hex')}`;
}

/**
 * Checks every flag of a new notice for the county `countyCode` at time `now` and returns the
 * notice with its times in UTC.
 */
export function noticeFromFlags(flags: NoticeFlags, countyCode: string, now: Date): EmergencyNotice {
  if (!NOTICE_REGION_PATTERN.test(flags.region)) throw new NoticeError('errors.invalidRegion', { value: flags.region });
  if (!flags.region.startsWith(countyCode)) throw new NoticeError('errors.regionOutsideCounty', { value: flags.region, county: countyCode });

  const title = checkText('--title', flags.title, NOTICE_TITLE_MAX);
  const body = checkText('--body', flags.body, NOTICE_BODY_MAX);
  const startsAt = parseNoticeTime('--start', flags.start);
  const endsAt = parseNoticeTime('--end', flags.end);
  if (endsAt <= startsAt) throw new NoticeError('errors.endNotAfterStart', { start: flags.start, end: flags.end });
  const days = (endsAt.getTime() - startsAt.getTime()) / (24 * 60 * 60 * 1000);
  if (days > NOTICE_MAX_DAYS) throw new NoticeError('errors.windowTooLong', { start: flags.start, end: flags.end, max: NOTICE_MAX_DAYS });
  if (endsAt <= now) throw new NoticeError('errors.endInPast', { end: flags.end, now: now.toISOString() });

  const id = flags.id === undefined ? newNoticeId(startsAt) : checkNoticeId(flags.id);
  return { id, regionCode: flags.region, title, body, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
}
