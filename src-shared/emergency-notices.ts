// Emergency notices (紧急通知), not to be confused with the boards' notice records: short texts with a start and end time that a county publishes on
// their own, beside the bundle, and every terminal of the named region shows as a banner. The
// publisher, the kiosk's sync and both hosts check notices with these schemas and limits.
import { z } from 'zod';

export const NOTICE_TITLE_MAX = 40;
export const NOTICE_BODY_MAX = 500;
// A notice stays up at most this long; a longer message belongs in the bundle's boards.
export const NOTICE_MAX_DAYS = 30;
// Notices in one county's notices file. The limits above keep such a file far below its size limit.
export const NOTICES_PER_FILE_MAX = 20;

// County, township or village code (6, 9 or 12 digits).
export const NOTICE_REGION_PATTERN = /^(\d{6}|\d{9}|\d{12})$/;
export const NOTICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

export const EmergencyNoticeSchema = z
  .object({
    id: z.string().regex(NOTICE_ID_PATTERN),
    regionCode: z.string().regex(NOTICE_REGION_PATTERN),
    title: z.string().min(1).max(NOTICE_TITLE_MAX),
    body: z.string().min(1).max(NOTICE_BODY_MAX),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
  })
  .refine((notice) => Date.parse(notice.endsAt) > Date.parse(notice.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });
export type EmergencyNotice = z.infer<typeof EmergencyNoticeSchema>;

export const EmergencyNoticeListSchema = z.array(EmergencyNoticeSchema).max(NOTICES_PER_FILE_MAX);

export const EmergencyNoticeSetSchema = z.object({
  notices: EmergencyNoticeListSchema,
  /**
   * The newest signed time the terminal has seen, or null. The renderer counts time from the later
   * of its clock and this floor, as sync does, so a clock that runs behind still shows a notice.
   */
  timeFloor: z.string().datetime({ offset: true }).nullable(),
});
export type EmergencyNoticeSet = z.infer<typeof EmergencyNoticeSetSchema>;

export interface EmergencyNoticesApi {
  /**
   * Returns the notices for the terminal's region that have not ended by the effective time (the
   * later of the clock and timeFloor), current and upcoming, by start time. The renderer shows
   * each from its start to its end.
   */
  getEmergencyNotices(): Promise<EmergencyNoticeSet>;
}


/**
 * True when a notice for `noticeRegion` concerns a terminal in `terminalRegion`: the notice's
 * region is the terminal's or one that contains it (a county notice reaches its villages).
 */
export function noticeRegionContains(noticeRegion: string, terminalRegion: string): boolean {
  return terminalRegion.startsWith(noticeRegion);
}

/** True while `now` (ms since the epoch) lies in the notice's window; the end is exclusive. */
export function isNoticeActive(notice: Pick<EmergencyNotice, 'startsAt' | 'endsAt'>, now: number): boolean {
  return Date.parse(notice.startsAt) <= now && now < Date.parse(notice.endsAt);
}

/** The zone in which notices are shown, whatever the terminal's or the publisher's OS zone is. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
// China Standard Time is UTC+8 all year; China has observed no daylight saving time since 1991.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Returns an ISO time as China time to the minute, such as 2025-07-02T08:00+08:00. */
export function chinaTimeIso(iso: string): string {
  return `${new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16)}+08:00`;
}
