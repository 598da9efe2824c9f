// The line under the ID display: a count while typing, then a check mark or a cross with text.
// Without installed data it says so instead, so it never promises a search that cannot run.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IdNumberProblem } from '../../src-shared/id-number.js';
import type { IdInputState } from '../id-input/id-input.js';

// Literal keys, so the catalog test can see each one.
function problemText(t: TFunction, problem: IdNumberProblem): string {
  switch (problem) {
    case 'invalid-checksum':
      return t('feedback.invalidChecksum');
    case 'invalid-birth-date':
      return t('feedback.invalidBirthDate');
    case 'invalid-characters':
      return t('feedback.invalidCharacters');
    case 'invalid-length':
    case 'empty':
      return t('feedback.invalidLength');
  }
}

export function IdFeedback({ state, dataInstalled }: { state: IdInputState; dataInstalled: boolean }) {
  const { t } = useTranslation();

  let icon = '';
  let text: string;
  let tone = 'neutral';
  if (!dataInstalled) {
    icon = '⚠';
    tone = 'problem';
    text = t('home.noData');
  } else if (state.kind === 'empty') {
    text = t('home.idPlaceholder');
  } else if (state.kind === 'typing') {
    icon = '✎';
    text = t('home.typedCount', { typed: state.typed });
  } else if (state.kind === 'valid') {
    icon = '✓';
    tone = 'ok';
    text = state.legacy ? t('feedback.validLegacy') : t('feedback.valid');
  } else {
    icon = '✗';
    tone = 'problem';
    text = problemText(t, state.problem);
  }

  return (
    <p
      className={`id-feedback id-feedback--${tone}`}
      role={dataInstalled ? 'status' : 'alert'}
      data-testid="id-feedback"
    >
      {icon && (
        <span className="id-feedback-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {text}
    </p>
  );
}
