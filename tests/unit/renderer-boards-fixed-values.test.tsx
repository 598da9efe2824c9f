// @vitest-environment happy-dom
// Fixed values of data standard v2 on the board screens: the renderer's copy of the value lists
// matches the standard, zh-CN shows each value as written, English translates it, and free text
// from the data stays as delivered.
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLAINT_OUTCOMES } from '../../src-main/publisher/standard-v2/accountability.js';
import { RECIPIENT_UNITS } from '../../src-main/publisher/standard-v2/fund-allocations.js';
import { NOTICE_BOARDS } from '../../src-main/publisher/standard-v2/notices.js';
import { MEASURE_TYPES, MONITORING_STATUSES, POVERTY_CAUSES } from '../../src-main/publisher/standard-v2/poverty-alleviation.js';
import {
  ACCEPTANCE_RESULTS,
  PROCUREMENT_METHODS,
  PROJECT_CATEGORIES,
  PROJECT_STAGES,
} from '../../src-main/publisher/standard-v2/projects.js';
import {
  ASSET_CLASSES,
  ASSET_STATUSES,
  BALANCE_TYPES,
  CONTRACT_TYPES,
  ENTRY_DIRECTIONS,
  EXPENDITURE_CATEGORIES,
  INCOME_CATEGORIES,
} from '../../src-main/publisher/standard-v2/village-finance.js';
import type { ListItem, RecordDetail } from '../../src-shared/boards-api.js';
import { detailFields } from '../../src-renderer/boards/detail-fields.js';
import { FIXED_VALUE_LABELS, fixedValueLabel, subtitleLabel } from '../../src-renderer/boards/fixed-values.js';
import type { FixedList } from '../../src-renderer/boards/fixed-values.js';
import { RecordRow } from '../../src-renderer/boards/RecordList.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';

const STANDARD_LISTS: Record<FixedList, readonly string[]> = {
  projectCategory: PROJECT_CATEGORIES,
  projectStage: PROJECT_STAGES,
  acceptanceResult: ACCEPTANCE_RESULTS,
  procurementMethod: Object.keys(PROCUREMENT_METHODS),
  povertyCause: POVERTY_CAUSES,
  monitoringStatus: MONITORING_STATUSES,
  measureType: MEASURE_TYPES,
  complaintOutcome: COMPLAINT_OUTCOMES,
  direction: ENTRY_DIRECTIONS,
  financeCategory: [...INCOME_CATEGORIES, ...EXPENDITURE_CATEGORIES],
  balanceType: BALANCE_TYPES,
  assetClass: ASSET_CLASSES,
  assetStatus: ASSET_STATUSES,
  contractType: CONTRACT_TYPES,
  noticeBoard: NOTICE_BOARDS,
  recipientUnit: RECIPIENT_UNITS,
};

const zh = createRendererI18n('zh-CN').t;
const en = createRendererI18n('en').t;
const HAN = /\p{Script=Han}/u;

afterEach(() => {
  cleanup();
});

describe('FIXED_VALUE_LABELS', () => {
  it('has the lists of the standard', () => {
    expect(Object.keys(FIXED_VALUE_LABELS).sort()).toEqual(Object.keys(STANDARD_LISTS).sort());
  });

  for (const [list, values] of Object.entries(STANDARD_LISTS)) {
    it(`matches the standard's ${list} values`, () => {
      expect(Object.keys(FIXED_VALUE_LABELS[list as FixedList]).sort()).toEqual([...values].sort());
    });
  }

  it('shows each value as written in zh-CN', () => {
    for (const labels of Object.values(FIXED_VALUE_LABELS)) {
      for (const value of Object.keys(labels)) expect(fixedValueLabel(zh, value)).toBe(value);
    }
  });

  it('translates each value in English', () => {
    for (const labels of Object.values(FIXED_VALUE_LABELS)) {
      for (const value of Object.keys(labels)) {
        const label = fixedValueLabel(en, value);
        expect(label, value).not.toMatch(HAN);
        expect(label, value).not.toBe('');
      }
    }
  });
});

describe('fixedValueLabel', () => {
  it('keeps free text as delivered', () => {
    expect(fixedValueLabel(en, '低保评定')).toBe('低保评定');
  });

  it('labels each subtitle part', () => {
    expect(subtitleLabel(en, '管理费用 · 记-0012')).toBe('Administrative expenses · 记-0012');
    expect(subtitleLabel(en, '')).toBe('');
  });
});

describe('English board screens', () => {
  const complaint: RecordDetail = {
    kind: 'complaint-outcome',
    id: 'TS-2024-001',
    category: '低保评定',
    regionCode: '431226101201',
    regionName: '张家坪村',
    receivedOn: '2024-03-01',
    outcome: '部分属实',
    outcomeSummary: '已重新评定',
    repliedOn: '2024-03-20',
    textFormat: null,
    text: null,
    source: { department: '县纪委监委', publishedOn: '2024-04-01' },
  };

  it('translates the outcome in a detail', () => {
    const fields = detailFields(en, complaint, 'en');
    const outcome = fields.find((field) => field.label === en('boards.field.outcome'));
    const category = fields.find((field) => field.label === en('boards.field.category'));

    expect(outcome?.value).toBe('Partly substantiated');
    expect(category?.value).toBe('低保评定');
  });

  it('translates status and subtitle of a row', () => {
    const item: ListItem = {
      id: 'A1',
      title: '村部综合楼',
      subtitle: '非经营性资产 · 办公用房',
      date: '1999-09-03',
      regionName: '张家坪村',
      amountFen: 80_000_000,
      direction: null,
      status: '出租',
      flagged: false,
    };
    render(
      <I18nextProvider i18n={createRendererI18n('en')}>
        <RecordRow item={item} onOpen={() => undefined} />
      </I18nextProvider>,
    );

    const row = screen.getByTestId('board-row');
    expect(row.textContent).toContain('Non-operating assets · 办公用房');
    expect(row.textContent).toContain('Leased out');
    expect(row.textContent).not.toContain('出租');
  });
});
