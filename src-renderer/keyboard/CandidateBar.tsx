// The pinyin typed so far and one page of candidates for it, with large page buttons at both
// ends. Every candidate and page button is a plain button, tapped once.
import { useTranslation } from 'react-i18next';
import type { Candidate, CandidatePage } from './pinyin-candidates.js';

export interface CandidateBarProps {
  pinyin: string;
  english: boolean;
  page: CandidatePage;
  onPick(candidate: Candidate): void;
  onPage(pageIndex: number): void;
}

export function CandidateBar({ pinyin, english, page, onPick, onPage }: CandidateBarProps) {
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
      <p className="cti-pinyin">{pinyinLine}</p>
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
          <div className="cti-candidate-list">
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
          <span className="cti-page-count">
            {t('keyboard.pageOf', { page: page.pageIndex + 1, pages: page.pageCount })}
          </span>
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
