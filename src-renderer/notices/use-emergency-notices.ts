// The emergency notices on screen now. The host is asked every NOTICES_REFRESH_MS for the current
// and upcoming notices of the terminal's region, and a timer re-renders at the next start or end,
// so a banner appears and disappears on time without a reload. A failed request keeps the last list.
import { useEffect, useState } from 'react';
import { isNoticeActive } from '../../src-shared/emergency-notices.js';
import type { EmergencyNotice } from '../../src-shared/emergency-notices.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';

/** Interval between requests for the notice list; the kiosk's own poll of the source is separate. */
export const NOTICES_REFRESH_MS = 30_000;

// setTimeout takes at most 2^31-1 ms; a later boundary is reached through the refresh instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Returns the earliest start or end after `now`, in ms since the epoch, or null when there is none. */
export function nextBoundary(notices: readonly EmergencyNotice[], now: number): number | null {
  const times = notices.flatMap((notice) => [Date.parse(notice.startsAt), Date.parse(notice.endsAt)]).filter((time) => time > now);
  return times.length === 0 ? null : Math.min(...times);
}

/** Returns the later of the clock and the host's trusted time floor, in ms since the epoch. */
export function effectiveTime(clock: number, timeFloor: string | null): number {
  return timeFloor === null ? clock : Math.max(clock, Date.parse(timeFloor));
}

export function useEmergencyNotices(api: Pick<KioskApi, 'getEmergencyNotices'>): EmergencyNotice[] {
  const [notices, setNotices] = useState<EmergencyNotice[]>([]);
  const [timeFloor, setTimeFloor] = useState<string | null>(null);
  const [clock, setClock] = useState(() => Date.now());
  const now = effectiveTime(clock, timeFloor);

  useEffect(() => {
    let current = true;
    const refresh = () => {
      // Through a promise, so a host that throws instead of rejecting keeps the last list too.
      Promise.resolve()
        .then(() => api.getEmergencyNotices())
        .then(
          (result) => {
            if (!current) return;
            setNotices(result.notices);
            setTimeFloor(result.timeFloor);
            setClock(Date.now());
          },
          () => undefined,
        );
    };
    refresh();
    const timer = setInterval(refresh, NOTICES_REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api]);

  const boundary = nextBoundary(notices, now);
  useEffect(() => {
    if (boundary === null) return undefined;
    // At least the boundary, so a timer that fires a little early still moves past it. The boundary
    // lies after the floor, so the clock alone has to reach it, as the host's effective time does.
    const timer = setTimeout(() => setClock(Math.max(Date.now(), boundary)), Math.min(Math.max(boundary - Date.now(), 0), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [boundary]);

  return notices.filter((notice) => isNoticeActive(notice, now));
}
