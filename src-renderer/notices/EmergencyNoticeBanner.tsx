// The emergency notice strip on every screen while a notice is in its time window: a warning
// sign, the words 紧急通知 and the title, so the meaning never rests on colour. One tap opens the
// full text with its time window and a close button. The strip is part of the page layout, like
// the data age banner, so it hides no button. Over the attract loop it is fixed at the top edge.
// The dialog's open state lives in App, so the idle timer and the attract loop see the reader.
import { useRef } from 'react';
import type { PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHINA_TIME_ZONE } from '../../src-shared/emergency-notices.js';
import type { EmergencyNotice } from '../../src-shared/emergency-notices.js';
import '../styles/notices.css';

// China time whatever the OS zone is, so every terminal shows the time the county wrote.
function formatTime(iso: string, language: string): string {
  const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: CHINA_TIME_ZONE };
  return new Intl.DateTimeFormat(language, options).format(new Date(iso));
}

function NoticeDialog({ notices, onClose }: { notices: readonly EmergencyNotice[]; onClose(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="modal-backdrop">
      <div className="modal emergency-notice-dialog" role="dialog" aria-modal="true" aria-labelledby="emergency-notice-heading" data-testid="emergency-notice-dialog">
        <h2 id="emergency-notice-heading" className="modal-title">
          <span aria-hidden="true">⚠ </span>
          {t('notices.heading')}
        </h2>
        <div className="emergency-notice-list">
          {notices.map((notice) => (
            <article key={notice.id} className="emergency-notice-item">
              <h3 className="emergency-notice-title">{notice.title}</h3>
              <p className="emergency-notice-window">
                {t('notices.window', { start: formatTime(notice.startsAt, i18n.language), end: formatTime(notice.endsAt, i18n.language) })}
              </p>
              <p className="emergency-notice-body">{notice.body}</p>
            </article>
          ))}
        </div>
        <button type="button" className="big-button big-button--primary" onClick={onClose} data-testid="emergency-notice-close" autoFocus>
          {t('notices.close')}
        </button>
      </div>
    </div>
  );
}

/** How far a finger may move on the banner over the attract loop before the touch counts as a swipe. */
const SWIPE_SLOP_PX = 24;

export interface EmergencyNoticeBannerProps {
  notices: readonly EmergencyNotice[];
  /** Whether the full text shows. */
  open: boolean;
  onOpenChange(open: boolean): void;
  /**
   * Over the attract loop, which covers the whole page: the strip is fixed at the top, and a swipe
   * that starts on it calls onSwipe, which leaves the loop as a touch anywhere else does.
   */
  overlay?: { onSwipe(): void };
}

export function EmergencyNoticeBanner({ notices, open, onOpenChange, overlay }: EmergencyNoticeBannerProps) {
  const { t } = useTranslation();
  const startRef = useRef<{ x: number; y: number } | null>(null);
  const first = notices[0];
  if (first === undefined) return null;

  const onPointerMove = (event: PointerEvent) => {
    const start = startRef.current;
    if (overlay === undefined || start === null) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) < SWIPE_SLOP_PX) return;
    startRef.current = null;
    overlay.onSwipe();
  };

  return (
    <>
      <button
        type="button"
        className={overlay ? 'emergency-notice-banner emergency-notice-banner--overlay' : 'emergency-notice-banner'}
        data-testid="emergency-notice-banner"
        onClick={() => onOpenChange(true)}
        onPointerDown={(event) => (startRef.current = { x: event.clientX, y: event.clientY })}
        onPointerMove={onPointerMove}
        onPointerUp={() => (startRef.current = null)}
        onPointerCancel={() => {
          startRef.current = null;
          overlay?.onSwipe();
        }}
      >
        <span className="emergency-notice-icon" aria-hidden="true">
          ⚠
        </span>
        {/* Only the title is cut short, so the count of further notices always shows. */}
        <span className="emergency-notice-text">
          <strong>{t('notices.label')}</strong> {first.title}
        </span>
        {notices.length > 1 && (
          <span className="emergency-notice-more" data-testid="emergency-notice-more">
            {t('notices.moreNotices', { count: notices.length - 1 })}
          </span>
        )}
        <span className="emergency-notice-tap">{t('notices.tapToRead')} ›</span>
      </button>
      {open && <NoticeDialog notices={notices} onClose={() => onOpenChange(false)} />}
    </>
  );
}
