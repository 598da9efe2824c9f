// A text field for a villager's own words, typed entirely by tapping. It shows the text large
// with its length, the pinyin typed so far with candidate words and characters, and an on-screen
// keyboard (simple-keyboard with the letter rows of its Chinese layout). It needs no physical
// keyboard and no input method. On landscape screens the text and the keys sit side by side, so
// every key stays on screen below 800 px of height. The caller owns the text through value and
// onChange, and this component keeps the pinyin buffer, the key layer and the messages.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { KeyboardReact as Keyboard } from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import '../styles/keyboard.css';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { CANDIDATE_GAP_PX, CandidateBar, candidateButtonWidth } from './CandidateBar.js';
import { CHINESE_CANDIDATE_TABLE } from './candidate-table.js';
import { COMPLAINT_WORDS } from './complaint-words.js';
import { ACTION_KEYS, FUNCTION_KEYS, KIOSK_LAYOUT } from './kiosk-layouts.js';
import type { KeyLayerName } from './kiosk-layouts.js';
import {
  backspace,
  buildCandidates,
  insertText,
  matchComplaintWords,
  pageCandidates,
  pageCandidatesToFit,
  pickCandidate,
  typePinyinLetter,
} from './pinyin-candidates.js';
import type { Candidate, EditProblem, EditResult, EditorState } from './pinyin-candidates.js';
import { useElementWidth } from './use-element-width.js';

export interface ChineseTextInputProps {
  value: string;
  onChange(value: string): void;
  /** Maximum length of the text in characters. Input past it is rejected with a message. */
  maxLength: number;
  placeholder?: string;
  /** Source of snapshot words for the pinyin. Without it only the built-in words show. */
  api?: Pick<KioskApi, 'suggestTerms'>;
  /** Region whose snapshot words are suggested. Suggestions need both api and regionCode. */
  regionCode?: string;
  /** Controls shown in the text's column, such as quick phrases: above the text in portrait, below it in landscape. */
  besideText?: ReactNode;
}

// Candidates per page until the candidate row has been measured, and where nothing is laid out
// (happy-dom). Once the row is measured, a page takes as many candidates as fit in it.
const CANDIDATES_PER_PAGE = 8;
const SUGGESTION_LIMIT = 12;
const BUTTON_THEME = [
  { class: 'kiosk-key--action', buttons: ACTION_KEYS },
  { class: 'kiosk-key--space', buttons: FUNCTION_KEYS.space },
];

// Literal keys, so the catalog test can find each one.
function problemMessage(t: TFunction, problem: EditProblem): string {
  switch (problem.kind) {
    case 'text-full':
      return t('keyboard.problems.textFull', { max: problem.maxLength });
    case 'does-not-fit':
      return t('keyboard.problems.doesNotFit', { candidate: problem.candidate, remaining: problem.remaining });
    case 'pinyin-full':
      return t('keyboard.problems.pinyinFull', { max: problem.maxLetters });
    case 'pinyin-pending':
      return t('keyboard.problems.pinyinPending');
  }
}

export function ChineseTextInput({ value, onChange, maxLength, placeholder, api, regionCode, besideText }: ChineseTextInputProps) {
  const { t, i18n } = useTranslation();
  const [pinyin, setPinyin] = useState('');
  // Someone reading the screens in English most likely writes in English, so the keys start there.
  const [english, setEnglish] = useState(() => i18n.language === 'en');
  const [layer, setLayer] = useState<KeyLayerName>(() => (i18n.language === 'en' ? 'english' : 'pinyin'));
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [suggestion, setSuggestion] = useState<{ pinyin: string; terms: string[] }>({ pinyin: '', terms: [] });
  const [paging, setPaging] = useState<{ pinyin: string; pageIndex: number }>({ pinyin: '', pageIndex: 0 });
  const textRef = useRef<HTMLDivElement>(null);
  const [candidateRow, rowWidth] = useElementWidth<HTMLDivElement>();

  useEffect(() => {
    if (pinyin === '' || !api || regionCode === undefined) return undefined;
    let current = true;
    api.suggestTerms({ pinyin, regionCode, limit: SUGGESTION_LIMIT }).then(
      (result) => current && setSuggestion({ pinyin, terms: result.terms }),
      // Built-in words and single characters still show, so a failed lookup only costs words.
      () => current && setSuggestion({ pinyin, terms: [] }),
    );
    return () => {
      current = false;
    };
  }, [api, pinyin, regionCode]);

  // Keeps the end of a long text, where typing happens, in view.
  useLayoutEffect(() => {
    const box = textRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [value, pinyin]);

  const suggestedWords = suggestion.pinyin === pinyin ? suggestion.terms : [];
  const candidates = buildCandidates(
    pinyin,
    matchComplaintWords(pinyin, COMPLAINT_WORDS),
    suggestedWords,
    CHINESE_CANDIDATE_TABLE,
  );
  const pageIndex = paging.pinyin === pinyin ? paging.pageIndex : 0;
  const page =
    rowWidth === null
      ? pageCandidates(candidates, pageIndex, CANDIDATES_PER_PAGE)
      : pageCandidatesToFit(candidates, pageIndex, { width: rowWidth, gap: CANDIDATE_GAP_PX, buttonWidth: candidateButtonWidth });

  function apply(result: EditResult) {
    setProblem(result.problem);
    if (result.problem) return;
    setPinyin(result.state.pinyin);
    if (result.state.text !== value) onChange(result.state.text);
  }

  const state: EditorState = { text: value, pinyin };

  function pick(candidate: Candidate) {
    setConfirmingClear(false);
    apply(pickCandidate(state, candidate, maxLength));
  }

  function toggleLanguage() {
    // Pinyin waiting for a candidate would otherwise be stranded in the other mode.
    if (pinyin !== '') {
      setProblem({ kind: 'pinyin-pending' });
      return;
    }
    setProblem(null);
    setEnglish(!english);
    setLayer(english ? 'pinyin' : 'english');
  }

  function pressKey(key: string) {
    setConfirmingClear(false);

    switch (key) {
      case FUNCTION_KEYS.backspace:
        setProblem(null);
        apply({ state: backspace(state), problem: null });
        return;
      case FUNCTION_KEYS.clear:
        if (value !== '' || pinyin !== '') setConfirmingClear(true);
        return;
      case FUNCTION_KEYS.numbers:
        setLayer(english ? 'englishNumbers' : 'numbers');
        return;
      case FUNCTION_KEYS.letters:
        setLayer(english ? 'english' : 'pinyin');
        return;
      case FUNCTION_KEYS.shift:
        setLayer(layer === 'englishShift' ? 'english' : 'englishShift');
        return;
      case FUNCTION_KEYS.language:
        toggleLanguage();
        return;
      case FUNCTION_KEYS.space:
        apply(insertText(state, ' ', maxLength));
        return;
    }

    if (!english && /^[a-z]$/.test(key)) apply(typePinyinLetter(state, key, maxLength));
    else apply(insertText(state, key, maxLength));
  }

  // react-simple-keyboard passes changed props to simple-keyboard's setOptions, which redraws
  // the keys. Stable props avoid a redraw per render; the callback reaches the current pressKey
  // through a ref.
  const pressKeyRef = useRef(pressKey);
  useLayoutEffect(() => {
    pressKeyRef.current = pressKey;
  });
  const onKeyPress = useCallback((key: string) => pressKeyRef.current(key), []);

  function confirmClear() {
    setConfirmingClear(false);
    setProblem(null);
    setPinyin('');
    onChange('');
  }

  const display = useMemo<Record<string, string>>(
    () => ({
      [FUNCTION_KEYS.backspace]: t('keyboard.keys.backspace'),
      [FUNCTION_KEYS.space]: t('keyboard.keys.space'),
      [FUNCTION_KEYS.numbers]: t('keyboard.keys.numbers'),
      [FUNCTION_KEYS.letters]: english ? t('keyboard.keys.lettersEnglish') : t('keyboard.keys.letters'),
      [FUNCTION_KEYS.language]: t('keyboard.keys.language'),
      [FUNCTION_KEYS.shift]: t('keyboard.keys.shift'),
      [FUNCTION_KEYS.clear]: t('keyboard.keys.clear'),
    }),
    [english, t],
  );

  return (
    <div className="chinese-text-input" data-testid="chinese-text-input">
      <div className="cti-writing">
        {besideText !== undefined && <div className="cti-beside-text">{besideText}</div>}
        <div className="cti-text" ref={textRef} role="textbox" aria-readonly="true" aria-multiline="true" aria-label={t('keyboard.textLabel')} data-testid="keyboard-text">
          {value === '' && pinyin === '' && placeholder !== undefined ? (
            <span className="cti-placeholder">{placeholder}</span>
          ) : (
            value
          )}
          {pinyin !== '' && <span className="cti-text-pinyin">{pinyin}</span>}
          <span className="cti-caret" aria-hidden="true" />
        </div>
        <p className="cti-count" data-testid="keyboard-count">
          {t('keyboard.count', { count: value.length, max: maxLength })}
        </p>
        <p className="cti-problem" role="alert" data-testid="keyboard-problem">
          {problem && (
            <>
              <span aria-hidden="true">⚠ </span>
              {problemMessage(t, problem)}
            </>
          )}
        </p>
      </div>
      <div className="cti-keys">
        {confirmingClear ? (
          <div className="cti-clear-confirm" role="alertdialog" aria-label={t('keyboard.keys.clear')} data-testid="keyboard-clear-confirm">
            <p>{t('keyboard.clearConfirm.question', { count: value.length })}</p>
            <button type="button" className="cti-confirm-button" data-testid="keyboard-clear-cancel" onClick={() => setConfirmingClear(false)}>
              {t('keyboard.clearConfirm.cancel')}
            </button>
            <button type="button" className="cti-confirm-button cti-confirm-button--danger" data-testid="keyboard-clear-yes" onClick={confirmClear}>
              {t('keyboard.clearConfirm.confirm')}
            </button>
          </div>
        ) : (
          <CandidateBar
            pinyin={pinyin}
            english={english}
            page={page}
            listRef={candidateRow}
            onPick={pick}
            onPage={(pageIndex) => setPaging({ pinyin, pageIndex })}
          />
        )}
        <div className="cti-keyboard" role="group" aria-label={t('keyboard.label')}>
          <Keyboard
            layout={KIOSK_LAYOUT}
            layoutName={layer}
            display={display}
            mergeDisplay={false}
            theme="hg-theme-default kiosk-keyboard"
            buttonTheme={BUTTON_THEME}
            useButtonTag
            disableButtonHold
            preventMouseDownDefault
            physicalKeyboardHighlight={false}
            onKeyPress={onKeyPress}
          />
        </div>
      </div>
    </div>
  );
}
