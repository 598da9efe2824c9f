// The pure editing logic of the on-screen Chinese keyboard, against the real candidate table of
// simple-keyboard-layouts and the built-in complaint words.
import { pinyin as pinyinOf } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { candidateButtonWidth } from '../../src-renderer/keyboard/CandidateBar.js';
import { CHINESE_CANDIDATE_TABLE, CHINESE_LETTER_ROWS } from '../../src-renderer/keyboard/candidate-table.js';
import { COMPLAINT_WORDS } from '../../src-renderer/keyboard/complaint-words.js';
import {
  MAX_PINYIN_LETTERS,
  backspace,
  buildCandidates,
  characterCandidates,
  insertText,
  matchComplaintWords,
  pageCandidates,
  pageCandidatesToFit,
  pickCandidate,
  pinyinMatchesSyllables,
  typePinyinLetter,
} from '../../src-renderer/keyboard/pinyin-candidates.js';
import type { Candidate, EditorState } from '../../src-renderer/keyboard/pinyin-candidates.js';

const EMPTY: EditorState = { text: '', pinyin: '' };

function typeLetters(state: EditorState, letters: string, maxLength = 100): EditorState {
  let current = state;
  for (const letter of letters) {
    const result = typePinyinLetter(current, letter, maxLength);
    expect(result.problem).toBeNull();
    current = result.state;
  }
  return current;
}

function texts(candidates: Candidate[]): string[] {
  return candidates.map((candidate) => candidate.text);
}

describe('candidate table', () => {
  it('reads the layout candidates', () => {
    expect(CHINESE_CANDIDATE_TABLE.size).toBeGreaterThan(400);
    expect(CHINESE_CANDIDATE_TABLE.get('di')).toContain('低');
    expect(CHINESE_CANDIDATE_TABLE.get('bao')).toContain('保');
  });

  it('keeps only the letter rows', () => {
    expect(CHINESE_LETTER_ROWS.map((row) => row.join(''))).toEqual(['qwertyuiop', 'asdfghjkl', 'zxcvbnm']);
  });
});

describe('complaint words', () => {
  it('spell each character by pinyin-pro', () => {
    for (const entry of COMPLAINT_WORDS) {
      const expected = pinyinOf(entry.word, { toneType: 'none', type: 'array', v: false });
      expect(entry.syllables, entry.word).toEqual(expected);
    }
  });

  it('have one syllable per character', () => {
    for (const entry of COMPLAINT_WORDS) {
      expect(entry.syllables.length, entry.word).toBe(Array.from(entry.word).length);
    }
  });
});

describe('pinyinMatchesSyllables', () => {
  it.each([
    ['dibao', true],
    ['db', true],
    ['dib', true],
    ['dibaox', false],
    ['bao', false],
    ['dia', false],
    ['', true],
  ])('matches %s against di bao: %s', (pinyin, expected) => {
    expect(pinyinMatchesSyllables(pinyin, ['di', 'bao'])).toBe(expected);
  });

  it('matches initials of a long word', () => {
    expect(matchComplaintWords('mysd', COMPLAINT_WORDS)).toEqual(['没有收到']);
  });
});

describe('characterCandidates', () => {
  it('lists the characters of a whole syllable', () => {
    const candidates = characterCandidates('bao', CHINESE_CANDIDATE_TABLE);

    expect(texts(candidates)).toEqual(CHINESE_CANDIDATE_TABLE.get('bao'));
    expect(candidates.every((candidate) => candidate.lettersReplaced === 3)).toBe(true);
  });

  it('takes the longest syllable that starts the buffer', () => {
    const candidates = characterCandidates('dibao', CHINESE_CANDIDATE_TABLE);

    expect(texts(candidates)).toEqual(CHINESE_CANDIDATE_TABLE.get('di'));
    expect(candidates[0]!.lettersReplaced).toBe(2);
  });

  it('prefers xian over xi', () => {
    expect(characterCandidates('xian', CHINESE_CANDIDATE_TABLE)[0]!.lettersReplaced).toBe(4);
  });

  it('offers first characters for a partial syllable', () => {
    const candidates = characterCandidates('zh', CHINESE_CANDIDATE_TABLE);
    const zhongFirst = CHINESE_CANDIDATE_TABLE.get('zhong')![0]!;

    expect(texts(candidates)).toContain(zhongFirst);
    expect(candidates.every((candidate) => candidate.lettersReplaced === 2)).toBe(true);
  });

  it('returns nothing for an impossible buffer', () => {
    expect(characterCandidates('vvv', CHINESE_CANDIDATE_TABLE)).toEqual([]);
  });
});

describe('buildCandidates', () => {
  it('puts words before characters', () => {
    const candidates = buildCandidates('dibao', ['低保'], ['地保', '低保'], CHINESE_CANDIDATE_TABLE);

    expect(texts(candidates.slice(0, 2))).toEqual(['低保', '地保']);
    expect(candidates[0]!.kind).toBe('word');
    expect(candidates[0]!.lettersReplaced).toBe(5);
    expect(candidates[2]!.kind).toBe('character');
    expect(candidates[2]!.text).toBe(CHINESE_CANDIDATE_TABLE.get('di')![0]);
  });

  it('lists each text once', () => {
    const candidates = buildCandidates('di', ['低'], ['低'], CHINESE_CANDIDATE_TABLE);

    expect(texts(candidates).filter((text) => text === '低')).toHaveLength(1);
    expect(candidates[0]).toEqual({ text: '低', kind: 'word', lettersReplaced: 2 });
  });

  it('is empty for an empty buffer', () => {
    expect(buildCandidates('', [], ['低保'], CHINESE_CANDIDATE_TABLE)).toEqual([]);
  });
});

describe('pageCandidates', () => {
  const candidates = characterCandidates('yi', CHINESE_CANDIDATE_TABLE);

  it('cuts pages of the given size', () => {
    const second = pageCandidates(candidates, 1, 8);

    expect(second.pageIndex).toBe(1);
    expect(second.pageCount).toBe(Math.ceil(candidates.length / 8));
    expect(texts(second.candidates)).toEqual(texts(candidates.slice(8, 16)));
  });

  it('clamps an index past the end', () => {
    const page = pageCandidates(candidates, 999, 8);

    expect(page.pageIndex).toBe(page.pageCount - 1);
    expect(page.candidates.length).toBeGreaterThan(0);
  });

  it('clamps a negative index', () => {
    expect(pageCandidates(candidates, -1, 8).pageIndex).toBe(0);
  });

  it('has one empty page for no candidates', () => {
    expect(pageCandidates([], 0, 8)).toEqual({ candidates: [], pageIndex: 0, pageCount: 1 });
  });
});

describe('pageCandidatesToFit', () => {
  const word = (text: string): Candidate => ({ text, kind: 'word', lettersReplaced: 2 });
  // Buttons as wide as their text has characters, times 100, 10 apart.
  const row = (width: number) => ({ width, gap: 10, buttonWidth: (candidate: Candidate) => candidate.text.length * 100 });
  const words = ['补贴', '低保', '医疗救助', '没', '有', '收到'].map(word);

  it('fills each page up to the width', () => {
    // 200 + 10 + 200 = 410 fits 450; the 400 of 医疗救助 would need 820.
    const first = pageCandidatesToFit(words, 0, row(450));

    expect(texts(first.candidates)).toEqual(['补贴', '低保']);
    expect(first.pageCount).toBe(3);
    expect(texts(pageCandidatesToFit(words, 1, row(450)).candidates)).toEqual(['医疗救助']);
    expect(texts(pageCandidatesToFit(words, 2, row(450)).candidates)).toEqual(['没', '有', '收到']);
  });

  it('counts the gaps between buttons', () => {
    // Six buttons of 100 with five gaps need 650, so 649 leaves the last for the next page.
    const singles = ['一', '二', '三', '四', '五', '六'].map(word);

    expect(pageCandidatesToFit(singles, 0, row(650)).candidates).toHaveLength(6);
    expect(pageCandidatesToFit(singles, 0, row(649)).candidates).toHaveLength(5);
  });

  it('gives a too-wide candidate its own page', () => {
    // Pages of 300: 补贴 | 低保 | 医疗救助 (400) | 没 有 | 收到.
    const page = pageCandidatesToFit(words, 2, row(300));

    expect(texts(page.candidates)).toEqual(['医疗救助']);
    expect(page.pageCount).toBe(5);
  });

  it('clamps the index like pageCandidates', () => {
    expect(pageCandidatesToFit(words, 99, row(450)).pageIndex).toBe(2);
    expect(pageCandidatesToFit(words, -1, row(450)).pageIndex).toBe(0);
    expect(pageCandidatesToFit([], 0, row(450))).toEqual({ candidates: [], pageIndex: 0, pageCount: 1 });
  });
});

describe('candidateButtonWidth', () => {
  it('counts 32 px a character plus 34 px of padding and border', () => {
    expect(candidateButtonWidth({ text: '补贴', kind: 'word', lettersReplaced: 4 })).toBe(98);
    expect(candidateButtonWidth({ text: '医疗救助', kind: 'word', lettersReplaced: 4 })).toBe(162);
  });

  it('keeps the 72 px minimum for one character', () => {
    expect(candidateButtonWidth({ text: '补', kind: 'character', lettersReplaced: 2 })).toBe(72);
  });
});

describe('editing', () => {
  it('turns dibao into 低保 by the word', () => {
    const typed = typeLetters(EMPTY, 'dibao');
    const word = buildCandidates(typed.pinyin, matchComplaintWords(typed.pinyin, COMPLAINT_WORDS), [], CHINESE_CANDIDATE_TABLE)[0]!;
    const picked = pickCandidate(typed, word, 100);

    expect(word.text).toBe('低保');
    expect(picked.problem).toBeNull();
    expect(picked.state).toEqual({ text: '低保', pinyin: '' });
  });

  it('keeps the rest of the buffer after a character', () => {
    const typed = typeLetters({ text: '我家', pinyin: '' }, 'dibao');
    const picked = pickCandidate(typed, { text: '低', kind: 'character', lettersReplaced: 2 }, 100);

    expect(picked.state).toEqual({ text: '我家低', pinyin: 'bao' });
  });

  it('deletes pinyin before text', () => {
    let state: EditorState = { text: '补贴', pinyin: 'me' };

    state = backspace(state);
    expect(state).toEqual({ text: '补贴', pinyin: 'm' });
    state = backspace(state);
    expect(state).toEqual({ text: '补贴', pinyin: '' });
    state = backspace(state);
    expect(state).toEqual({ text: '补', pinyin: '' });
  });

  it('leaves an empty state alone on backspace', () => {
    expect(backspace(EMPTY)).toEqual(EMPTY);
  });

  it('removes a whole astral character', () => {
    expect(backspace({ text: '好𠀀', pinyin: '' })).toEqual({ text: '好', pinyin: '' });
  });

  it('rejects a non-letter as pinyin', () => {
    expect(() => typePinyinLetter(EMPTY, 'A', 10)).toThrow(/one letter a to z/);
  });
});

describe('maxLength', () => {
  it('rejects letters when full', () => {
    const full: EditorState = { text: '一二三', pinyin: '' };
    const result = typePinyinLetter(full, 'a', 3);

    expect(result.problem).toEqual({ kind: 'text-full', maxLength: 3 });
    expect(result.state).toBe(full);
  });

  it('rejects a word that does not fit', () => {
    const state: EditorState = { text: '一二三', pinyin: 'mysd' };
    const result = pickCandidate(state, { text: '没有收到', kind: 'word', lettersReplaced: 4 }, 5);

    expect(result.problem).toEqual({ kind: 'does-not-fit', candidate: '没有收到', remaining: 2 });
    expect(result.state).toBe(state);
  });

  it('accepts a word that exactly fits', () => {
    const result = pickCandidate({ text: '一', pinyin: 'db' }, { text: '低保', kind: 'word', lettersReplaced: 2 }, 3);

    expect(result.problem).toBeNull();
    expect(result.state.text).toBe('一低保');
  });

  it('rejects direct text past the end', () => {
    const result = insertText({ text: '一二', pinyin: '' }, '。', 2);

    expect(result.problem).toEqual({ kind: 'text-full', maxLength: 2 });
  });

  it('caps the pinyin buffer', () => {
    const long = typeLetters(EMPTY, 'a'.repeat(MAX_PINYIN_LETTERS));
    const result = typePinyinLetter(long, 'a', 100);

    expect(result.problem).toEqual({ kind: 'pinyin-full', maxLetters: MAX_PINYIN_LETTERS });
  });
});

describe('insertText', () => {
  it('appends punctuation', () => {
    expect(insertText({ text: '没有收到', pinyin: '' }, '。', 10).state.text).toBe('没有收到。');
  });

  it('waits while pinyin is pending', () => {
    const state: EditorState = { text: '低', pinyin: 'bao' };
    const result = insertText(state, '，', 10);

    expect(result.problem).toEqual({ kind: 'pinyin-pending' });
    expect(result.state).toBe(state);
  });
});
