// The addresses inside the kiosk's QR codes: a record's reporting address and a case's
// follow-up address, with the configured address's own query kept.
import { describe, expect, it } from 'vitest';
import { buildReportUrl, buildTrackUrl, formatRecordReference } from '../../src-shared/report-url.js';

describe('buildReportUrl', () => {
  it('adds the record reference, region and terminal', () => {
    const url = buildReportUrl('https://www.hn12388.gov.cn/report', { kind: 'payment', id: 'P2024000123', regionCode: '431226101201' }, 'JH-001');

    expect(url).toBe('https://www.hn12388.gov.cn/report?ref=payment%3AP2024000123&region=431226101201&terminal=JH-001');
  });

  it('keeps the configured query and replaces a parameter of the same name', () => {
    const url = new URL(buildReportUrl('https://example.gov.cn/jb?county=431226&ref=old', { kind: 'notice', id: 'N1', regionCode: '431226101' }, 'T1'));

    expect(url.searchParams.get('county')).toBe('431226');
    expect(url.searchParams.getAll('ref')).toEqual(['notice:N1']);
  });

  it('encodes reference characters that would end a parameter', () => {
    const url = new URL(buildReportUrl('https://example.gov.cn/', { kind: 'project', id: 'XM-2024&1#2', regionCode: '431226' }, 'T1'));

    expect(url.searchParams.get('ref')).toBe('project:XM-2024&1#2');
  });
});

describe('buildTrackUrl', () => {
  it('adds the case number', () => {
    expect(buildTrackUrl('https://example.gov.cn/track', '26120512345678')).toBe('https://example.gov.cn/track?case=26120512345678');
  });
});

describe('formatRecordReference', () => {
  it('joins kind and ID', () => {
    expect(formatRecordReference({ kind: 'finance-entry', id: 'F9' })).toBe('finance-entry:F9');
  });
});
