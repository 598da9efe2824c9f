// The first four steps of the 一键举报 flow: what the report is about, which record (only when
// the flow started from one), what happened, and an optional phone number. Each step is one
// question with big buttons.
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { REPORT_CATEGORIES, REPORT_TEXT_MAX } from '../../src-shared/reports-api.js';
import type { ReportCategory, ReportedRecord } from '../../src-shared/reports-api.js';
import { ChineseTextInput } from '../keyboard/ChineseTextInput.js';
import { DigitKeypad } from './DigitKeypad.js';
import { categoryLabel, phoneProblemText, phraseLabel, QUICK_PHRASES } from './labels.js';
import { appendPhrase, checkPhone, PHONE_MAX_DIGITS, showsPhoneProblemWhileTyping } from './report-flow.js';
import type { DigitKey } from './report-flow.js';
import { CategoryIcon } from './ReportIcons.js';

export function CategoryStep({ chosen, onPick }: { chosen: ReportCategory | null; onPick(category: ReportCategory): void }) {
  const { t } = useTranslation();
  return (
    <div className="report-choices report-choices--categories" role="group" aria-label={t('reporting.step.category')}>
      {REPORT_CATEGORIES.map((category) => (
        <button
          key={category}
          type="button"
          className={category === chosen ? 'tile report-choice report-choice--chosen' : 'tile report-choice'}
          data-category={category}
          aria-pressed={category === chosen}
          onClick={() => onPick(category)}
        >
          <CategoryIcon category={category} />
          <span className="report-choice-text">{categoryLabel(t, category)}</span>
          {category === chosen && (
            <span className="report-chosen-mark" aria-hidden="true">
              ✓
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

/** Asks whether the report is about the record the flow started from. A flow without a record skips this step. */
export function RecordStep({ record, aboutRecord, onChoose }: { record: ReportedRecord; aboutRecord: boolean; onChoose(aboutRecord: boolean): void }) {
  const { t } = useTranslation();

  const chosen = aboutRecord;
  const choice = (aboutRecord: boolean, text: string, detail: string | null) => (
    <button
      type="button"
      className={chosen === aboutRecord ? 'tile report-choice report-choice--chosen' : 'tile report-choice'}
      data-about-record={aboutRecord}
      aria-pressed={chosen === aboutRecord}
      onClick={() => onChoose(aboutRecord)}
    >
      <span className="report-choice-text">{text}</span>
      {detail !== null && <span className="report-choice-detail">{detail}</span>}
      {chosen === aboutRecord && (
        <span className="report-chosen-mark" aria-hidden="true">
          ✓
        </span>
      )}
    </button>
  );

  return (
    <div className="report-choices" role="group" aria-label={t('reporting.step.record')}>
      {choice(true, t('reporting.record.this'), record.label)}
      {choice(false, t('reporting.record.none'), null)}
    </div>
  );
}

export interface TextStepProps {
  text: string;
  api: Pick<KioskApi, 'suggestTerms'>;
  regionCode: string;
  onChange(text: string): void;
}

export function TextStep({ text, api, regionCode, onChange }: TextStepProps) {
  const { t } = useTranslation();
  const phrases = (
    <div className="report-phrases" role="group" aria-label={t('reporting.text.phrasesLabel')}>
      <span className="report-phrases-label">{t('reporting.text.phrasesLabel')}</span>
      {QUICK_PHRASES.map((phrase) => (
        <button
          key={phrase}
          type="button"
          className="report-phrase"
          data-phrase={phrase}
          onClick={() => onChange(appendPhrase(text, phraseLabel(t, phrase), t('reporting.text.comma')))}
        >
          {phraseLabel(t, phrase)}
        </button>
      ))}
    </div>
  );

  return (
    <div className="report-text-step">
      <ChineseTextInput
        value={text}
        onChange={onChange}
        maxLength={REPORT_TEXT_MAX}
        placeholder={t('reporting.text.placeholder')}
        api={api}
        regionCode={regionCode}
        besideText={phrases}
      />
    </div>
  );
}

export interface PhoneStepProps {
  phone: string;
  /** True once 下一步 was tapped with an invalid number, which shows any problem at once. */
  nextTried: boolean;
  onKey(key: DigitKey): void;
}

export function PhoneStep({ phone, nextTried, onKey }: PhoneStepProps) {
  const { t } = useTranslation();
  const problem = checkPhone(phone);

  let feedback;
  if (phone === '') {
    feedback = <p className="report-feedback">{t('reporting.phone.optional')}</p>;
  } else if (problem !== null && !nextTried && !showsPhoneProblemWhileTyping(phone, problem)) {
    feedback = (
      <p className="report-feedback" data-testid="phone-feedback">
        {t('reporting.phone.typing', { typed: phone.length })}
      </p>
    );
  } else if (problem === null) {
    feedback = (
      <p className="report-feedback report-feedback--ok" data-testid="phone-feedback">
        <span aria-hidden="true">✓ </span>
        {t('reporting.phone.valid')}
      </p>
    );
  } else {
    feedback = (
      <p className="report-feedback report-feedback--problem" data-testid="phone-feedback" role="status">
        <span aria-hidden="true">⚠ </span>
        {phoneProblemText(t, problem)}
      </p>
    );
  }

  return (
    <div className="report-phone-step">
      <div className="report-phone-side">
        <p className="report-note-strong">{t('reporting.phone.why')}</p>
        <p className="report-phone-display" data-testid="phone-display" aria-label={t('reporting.phone.label')}>
          {phone === '' ? <span className="report-placeholder">{t('reporting.phone.placeholder')}</span> : phone}
        </p>
        {feedback}
      </div>
      <DigitKeypad input={phone} maxDigits={PHONE_MAX_DIGITS} onKey={onKey} />
    </div>
  );
}
