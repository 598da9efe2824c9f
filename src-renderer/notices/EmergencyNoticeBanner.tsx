// The emergency notice strip on every screen while a notice is in its time window: a warning
// sign, the words 紧急通知 and the title, so the meaning never rests on colour. One tap opens the
// full text with its time window and a close button. The strip is part of the page layout, like
// the data age banner, so it hides no button. Over the attract loop it is fixed at the top edge.
import { useState } from 'react';
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

/** overlay: fixed at the top of the screen, for the attract loop, which covers the whole page. */
export function EmergencyNoticeBanner({ notices, overlay = false }: { notices: readonly EmergencyNotice[]; overlay?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const first = notices[0];
  if (first === undefined) return null;

  return (
    <>
      <button
        type="button"
        className={overlay ? 'emergency-notice-banner emergency-notice-banner--overlay' : 'emergency-notice-banner'}
        data-testid="emergency-notice-banner"
        onClick={() => setOpen(true)}
      >
        <span className="emergency-notice-icon" aria-hidden="true">
          ⚠
        </span>
        <span className="emergency-notice-text">
          <strong>{t('notices.label')}</strong> {first.title}
          {notices.length > 1 && <span className="emergency-notice-more"> · {t('notices.moreNotices', { count: notices.length - 1 })}</span>}
        </span>
        <span className="emergency-notice-tap">{t('notices.tapToRead')} ›</span>
      </button>
      {open && <NoticeDialog notices={notices} onClose={() => setOpen(false)} />}
    </>
  );
}
