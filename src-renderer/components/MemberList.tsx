// The household members, in a list that scrolls on its own when the screen is short. Below it,
// a line counts the members still hidden under the list's lower edge, so a villager can tell to
// swipe; it disappears once the last member is in view.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../src-shared/kiosk-api.js';
import { relationLabel } from '../result/relation-label.js';

/** Counts the children of a scroll box whose lower edge lies below the box's visible area. */
function countHiddenBelow(list: HTMLElement): number {
  const visibleBottom = list.getBoundingClientRect().bottom;
  // One pixel of slack for rounding of fractional layout sizes.
  return [...list.children].filter((child) => child.getBoundingClientRect().bottom > visibleBottom + 1).length;
}

export function MemberList({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const [hiddenBelow, setHiddenBelow] = useState(0);

  const update = useCallback(() => {
    if (listRef.current) setHiddenBelow(countHiddenBelow(listRef.current));
  }, []);

  // The villager looks for their own row first, so bring it into view when it starts below the
  // list's edge (a large household on a short screen).
  useEffect(() => {
    const queried = listRef.current?.querySelector<HTMLElement>('.member--queried');
    queried?.scrollIntoView?.({ block: 'nearest' });
  }, [members]);

  // Layout changes with the window size and the language, so measure whenever the box resizes.
  useEffect(() => {
    update();
    const list = listRef.current;
    if (!list || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(list);
    return () => observer.disconnect();
  }, [update, members]);

  return (
    <>
      <ul className="members" data-testid="members" ref={listRef} onScroll={update}>
        {members.map((member, index) => (
          <li key={index} className={member.isQueried ? 'member member--queried' : 'member'}>
            <span className="member-name">{member.maskedName}</span>
            <span className="member-relation">{relationLabel(t, member.relation)}</span>
            {member.isQueried && (
              <span className="member-queried">
                <span aria-hidden="true">★ </span>
                {t('result.queried')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {hiddenBelow > 0 && (
        <p className="more-members" data-testid="more-members">
          <span aria-hidden="true">▼ </span>
          {t('result.moreMembers', { members: hiddenBelow })}
        </p>
      )}
    </>
  );
}
