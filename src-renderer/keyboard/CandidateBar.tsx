// The pinyin typed so far with the page count, and one page of candidates for it, with large
// page buttons at both ends. Every candidate and page button is a plain button, tapped once.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, CandidatePage } from './pinyin-candidates.js';

// The size of a .cti-candidate button in keyboard.css: 32 px text, 14 px padding and a 3 px
// border on each side, at least 72 px wide, 10 px apart in .cti-candidate-list.
const CANDIDATE_FONT_PX = 32;
const CANDIDATE_SIDES_PX = 2 * (14 + 3);
const CANDIDATE_MIN_WIDTH_PX = 72;
export const CANDIDATE_GAP_PX = 10;

/**
 * Returns the width of a candidate's button in CSS pixels. Every character counts as 1 em, the
 * advance of a CJK glyph, so digits and Latin letters, which are narrower, never overfill a page.
 */
export function candidateButtonWidth(candidate: Candidate): number {
  return Math.max(CANDIDATE_MIN_WIDTH_PX, [...candidate.text].length * CANDIDATE_FONT_PX + CANDIDATE_SIDES_PX);
}

export interface CandidateBarProps {
  pinyin: string;
  english: boolean;
  page: CandidatePage;
  /** Receives the element the candidates are laid out in, so the caller can measure its width. */
  listRef?: Ref<HTMLDivElement>;
  onPick(candidate: Candidate): void;
  onPage(pageIndex: number): void;
}

export function CandidateBar({ pinyin, english, page, listRef, onPick, onPage }: CandidateBarProps) {
  const { t } = useTranslation();

  let pinyinLine;
  if (english) pinyinLine = t('keyboard.modeEnglish');
  else if (pinyin === '') pinyinLine = t('keyboard.pinyinEmpty');
  else {
    pinyinLine = (
      <>
        {t('keyboard.pinyinLabel')} <span className="cti-pinyin-letters" data-testid="keyboard-pinyin">{pinyin}</span>
      </>
    );
  }

  const hasPages = page.pageCount > 1;

  return (
    <div className="cti-candidates-area">
      <div className="cti-pinyin-row">
        <p className="cti-pinyin">{pinyinLine}</p>
        {pinyin !== '' && <span className="cti-page-count">{t('keyboard.pageOf', { page: page.pageIndex + 1, pages: page.pageCount })}</span>}
      </div>
      {pinyin !== '' && (
        <div className="cti-candidate-bar" role="group" aria-label={t('keyboard.candidatesLabel')}>
          <button
            type="button"
            className="cti-page-button"
            data-testid="keyboard-previous-page"
            aria-label={t('keyboard.previousPage')}
            disabled={!hasPages || page.pageIndex === 0}
            onClick={() => onPage(page.pageIndex - 1)}
          >
            ‹
          </button>
          <div className="cti-candidate-list" ref={listRef}>
            {page.candidates.length === 0 ? (
              <span className="cti-no-candidates">{t('keyboard.noCandidates', { pinyin })}</span>
            ) : (
              page.candidates.map((candidate) => (
                <button
                  key={`${candidate.kind}:${candidate.text}`}
                  type="button"
                  className={candidate.kind === 'word' ? 'cti-candidate cti-candidate--word' : 'cti-candidate'}
                  data-testid="keyboard-candidate"
                  data-candidate={candidate.text}
                  onClick={() => onPick(candidate)}
                >
                  {candidate.text}
                </button>
              ))
            )}
          </div>
          <button
            type="button"
            className="cti-page-button"
            data-testid="keyboard-next-page"
            aria-label={t('keyboard.nextPage')}
            disabled={!hasPages || page.pageIndex >= page.pageCount - 1}
            onClick={() => onPage(page.pageIndex + 1)}
          >
            ›
          </button>
        </div>
      )}
    </div>
  );
}
