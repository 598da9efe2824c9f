// The attract loop shown while the terminal stands idle: the newest notices of the home region one
// after another with a slow cross-fade, the "data as of" line and a large "touch the screen to
// start" prompt. Without a snapshot, without notices or when the host fails, it shows a static
// welcome with the same prompt. Any touch leaves the loop as it starts, so a swipe leaves it as a
// tap does. useAttractLoop then stops the rest of that touch, so it never presses a tile of the
// home menu that shows under the finger.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatDate } from '../boards/format.js';
import { LineIcon } from '../components/LineIcon.js';
import { tabLabel } from '../boards/labels.js';
import { loadAttractNotices } from './attract-notices.js';
import type { AttractNotice } from './attract-notices.js';
import '../styles/attract.css';

/** How long each notice shows. */
export const ATTRACT_SLIDE_MS = 8_000;

export interface AttractScreenProps {
  api: Pick<KioskApi, 'listRecords' | 'getRecord'>;
  /** The terminal's home region, whose notices show. */
  regionCode: string;
  snapshot: SnapshotInfo | null;
  onLeave(): void;
}

// 'none' covers no snapshot, no notices and a failed host alike: each shows the welcome.
type Notices = { status: 'loading' } | { status: 'none' } | { status: 'ready'; notices: AttractNotice[] };

function NoticeSlide({ notice, shown }: { notice: AttractNotice; shown: boolean }) {
  const { t, i18n } = useTranslation();
  const meta = [notice.regionName, notice.issuer, formatDate(notice.date, i18n.language)].filter((part) => part !== '');

  return (
    <article className={shown ? 'attract-slide attract-slide--shown' : 'attract-slide'} aria-hidden={!shown} data-testid="attract-slide" data-shown={shown}>
      {notice.board !== null && <p className="attract-board">{tabLabel(t, { kind: 'notice', noticeBoard: notice.board })}</p>}
      <h3 className="attract-title">{notice.title}</h3>
      <p className="attract-meta">{meta.join(' · ')}</p>
      {notice.excerpt !== '' && <p className="attract-excerpt">{notice.excerpt}</p>}
    </article>
  );
}

function Welcome() {
  const { t } = useTranslation();
  return (
    <div className="attract-welcome" data-testid="attract-welcome">
      <h2 className="attract-welcome-title">{t('attract.welcomeTitle')}</h2>
      <p className="attract-welcome-text">{t('attract.welcomeText')}</p>
    </div>
  );
}

export function AttractScreen({ api, regionCode, snapshot, onLeave }: AttractScreenProps) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notices>({ status: 'loading' });
  const [index, setIndex] = useState(0);
  const snapshotVersion = snapshot?.version ?? null;

  // A sync that installs a new snapshot while the loop shows brings its notices.
  useEffect(() => {
    if (snapshotVersion === null) {
      setNotices({ status: 'none' });
      return undefined;
    }

    let current = true;
    loadAttractNotices(api, regionCode).then(
      (loaded) => {
        if (!current) return;
        setIndex(0);
        setNotices(loaded.length > 0 ? { status: 'ready', notices: loaded } : { status: 'none' });
      },
      () => current && setNotices({ status: 'none' }),
    );
    return () => {
      current = false;
    };
  }, [api, regionCode, snapshotVersion]);

  // A key of a technician's keyboard leaves the loop as a tap does.
  useEffect(() => {
    window.addEventListener('keydown', onLeave);
    return () => window.removeEventListener('keydown', onLeave);
  }, [onLeave]);

  const count = notices.status === 'ready' ? notices.notices.length : 0;
  useEffect(() => {
    if (count < 2) return undefined;
    const timer = setInterval(() => setIndex((shown) => (shown + 1) % count), ATTRACT_SLIDE_MS);
    return () => clearInterval(timer);
  }, [count]);

  return (
    // onClick stays for a click without a pointer, such as a screen reader activating the prompt.
    <div className="attract" data-testid="attract" onPointerDown={onLeave} onClick={onLeave}>
      <header className="attract-header">
        <h1 className="attract-app-title">{t('app.title')}</h1>
        <p className="attract-data-as-of" data-testid="attract-data-as-of">
          {snapshot ? t('home.dataAsOf', { date: snapshot.dataAsOf }) : t('home.noData')}
        </p>
      </header>

      <section className="attract-stage">
        {notices.status === 'ready' && (
          <>
            <div className="attract-label-row">
              <h2 className="attract-label">{t('attract.latest')}</h2>
              <p className="attract-position" data-testid="attract-position">
                {t('attract.position', { current: index + 1, total: count })}
              </p>
            </div>
            <div className="attract-slides">
              {notices.notices.map((notice, position) => (
                <NoticeSlide key={notice.id} notice={notice} shown={position === index} />
              ))}
            </div>
          </>
        )}
        {notices.status === 'none' && <Welcome />}
      </section>

      {/* The whole screen leaves the loop; the button gives screen readers the same way. */}
      <button type="button" className="attract-prompt" data-testid="attract-prompt">
        <LineIcon className="attract-prompt-icon">
          {/* A fingertip on the glass with two ripples above it. */}
          <circle cx="32" cy="42" r="8" />
          <path d="M18 42 A14 14 0 0 1 46 42" />
          <path d="M8 42 A24 24 0 0 1 56 42" />
        </LineIcon>
        {t('attract.prompt')}
      </button>
    </div>
  );
}
