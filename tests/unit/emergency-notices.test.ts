// Emergency notices: the publisher's flag checks, and the terminal's checks of a signed notices
// file (signers, county, sequence floor, expiry), with real Ed25519 and SM2 keys.
import { describe, expect, it } from 'vitest';
import type { EmergencyNotice } from '../../src-shared/emergency-notices.js';
import { chinaTimeIso, isNoticeActive, noticeRegionContains } from '../../src-shared/emergency-notices.js';
import { effectiveTime } from '../../src-renderer/notices/use-emergency-notices.js';
import { noticesExpiry, parseNoticesFile } from '../../src-main/core/notices/notices-file.js';
import type { NoticesFile, SignedNotices } from '../../src-main/core/notices/notices-file.js';
import { verifyNotices } from '../../src-main/core/notices/verify-notices.js';
import type { NoticeTrust } from '../../src-main/core/notices/verify-notices.js';
import { BundleRejection } from '../../src-main/core/sync/rejection.js';
import { describeSyncProblem } from '../../src-main/cli/commands/sync.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { NoticeError, noticeFromFlags } from '../../src-main/publisher/notice-flags.js';
import type { NoticeFlags } from '../../src-main/publisher/notice-flags.js';
import { makeTestKeys, signAll } from '../helpers/make-bundle.js';
import type { TestKeys } from '../helpers/make-bundle.js';

const COUNTY = '431226';
const NOW = new Date('2025-07-01T00:00:00Z');

const FLAGS: NoticeFlags = {
  region: '431226100',
  title: '停水通知',
  body: '7月2日8时至12时，城关镇全镇停水。',
  start: '2025-07-02T08:00+08:00',
  end: '2025-07-02T12:00+08:00',
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof NoticeError) return error.code;
    throw error;
  }
  throw new Error('expected a NoticeError');
}

describe('notice flags', () => {
  it('accepts a valid notice', () => {
    const notice = noticeFromFlags({ ...FLAGS, id: 'water-1' }, COUNTY, NOW);
    expect(notice).toEqual({
      id: 'water-1',
      regionCode: '431226100',
      title: '停水通知',
      body: FLAGS.body,
      startsAt: '2025-07-02T00:00:00.000Z',
      endsAt: '2025-07-02T04:00:00.000Z',
    });
  });

  it('makes an ID from the start date', () => {
    expect(noticeFromFlags(FLAGS, COUNTY, NOW).id).toMatch(/^20250702-[0-9a-f]{4}$/);
  });

  it.each([
    ['malformed region', { region: '43122' }, 'errors.invalidRegion'],
    ['region of another county', { region: '430124100' }, 'errors.regionOutsideCounty'],
    ['empty title', { title: '   ' }, 'errors.emptyText'],
    ['title over 40 characters', { title: '停'.repeat(41) }, 'errors.textTooLong'],
    ['body over 500 characters', { body: '水'.repeat(501) }, 'errors.textTooLong'],
    ['time without a zone', { start: '2025-07-02T08:00' }, 'errors.invalidTime'],
    ['date that does not exist', { end: '2025-02-30T08:00Z' }, 'errors.dateNotExist'],
    ['hour 24', { start: '2025-07-02T24:00+08:00' }, 'errors.clockNotExist'],
    ['minute 60', { start: '2025-07-02T08:60+08:00' }, 'errors.clockNotExist'],
    ['zone +25:00', { start: '2025-07-02T08:00+25:00' }, 'errors.zoneNotExist'],
    ['title of a zero-width space', { title: '\u200b' }, 'errors.emptyText'],
    ['body of invisible characters', { body: '\u200b\u200d\u3000' }, 'errors.emptyText'],
    ['title reordered by a direction override', { title: '\u202e知通急紧' }, 'errors.directionControl'],
    ['body with a direction isolate', { body: '撤离到\u2067学校\u2069' }, 'errors.directionControl'],
    ['end before start', { end: '2025-07-02T07:00+08:00' }, 'errors.endNotAfterStart'],
    ['end equal to start', { end: FLAGS.start }, 'errors.endNotAfterStart'],
    ['window over 30 days', { end: '2025-08-02T08:00:01+08:00' }, 'errors.windowTooLong'],
    ['end in the past', { start: '2025-06-01T00:00Z', end: '2025-06-02T00:00Z' }, 'errors.endInPast'],
    ['malformed ID', { id: '../x' }, 'errors.invalidId'],
  ])('rejects %s', (_case, change, code) => {
    expect(codeOf(() => noticeFromFlags({ ...FLAGS, ...change }, COUNTY, NOW))).toBe(code);
  });

  it('names the date and the part that does not exist', () => {
    try {
      noticeFromFlags({ ...FLAGS, start: '2026-02-30T07:00+08:00' }, COUNTY, NOW);
    } catch (error) {
      expect((error as NoticeError).params).toEqual({ flag: '--start', value: '2026-02-30T07:00+08:00', part: '2026-02-30' });
    }
  });

  it('dates a generated ID in China time', () => {
    // 07:00 in China is 23:00 UTC on the day before.
    expect(noticeFromFlags({ ...FLAGS, start: '2025-07-02T07:00+08:00' }, COUNTY, NOW).id).toMatch(/^20250702-[0-9a-f]{4}$/);
  });

  it('writes times in China time', () => {
    expect(chinaTimeIso('2026-12-04T23:00:00.000Z')).toBe('2026-12-05T07:00+08:00');
    expect(chinaTimeIso('2026-12-05T07:30:00+08:00')).toBe('2026-12-05T07:30+08:00');
  });

  it('counts time from the trusted floor when the clock runs behind', () => {
    const floor = '2026-12-05T00:00:00.000Z';
    expect(effectiveTime(Date.parse('2026-12-04T12:00:00Z'), floor)).toBe(Date.parse(floor));
    expect(effectiveTime(Date.parse('2026-12-06T00:00:00Z'), floor)).toBe(Date.parse('2026-12-06T00:00:00Z'));
    expect(effectiveTime(5, null)).toBe(5);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(noticeFromFlags({ ...FLAGS, title: '🚰'.repeat(40) }, COUNTY, NOW).title).toHaveLength(80);
  });

  it('names the flag and the limit', () => {
    try {
      noticeFromFlags({ ...FLAGS, body: '水'.repeat(501) }, COUNTY, NOW);
    } catch (error) {
      expect((error as NoticeError).params).toEqual({ flag: '--body', count: 501, max: 500 });
    }
  });
});

describe('notice region and window', () => {
  it('reaches the villages of a county notice', () => {
    expect(noticeRegionContains('431226', '431226100201')).toBe(true);
  });

  it('does not reach a neighbouring township', () => {
    expect(noticeRegionContains('431226100', '431226101')).toBe(false);
  });

  it('does not reach the county from a township notice', () => {
    expect(noticeRegionContains('431226100', '431226')).toBe(false);
  });

  it('treats the end as exclusive', () => {
    const window = { startsAt: '2025-07-02T00:00:00Z', endsAt: '2025-07-02T04:00:00Z' };
    expect(isNoticeActive(window, Date.parse(window.startsAt))).toBe(true);
    expect(isNoticeActive(window, Date.parse(window.endsAt))).toBe(false);
    expect(isNoticeActive(window, Date.parse(window.startsAt) - 1)).toBe(false);
  });
});

const NOTICE: EmergencyNotice = {
  id: 'water-1',
  regionCode: '431226100',
  title: '停水通知',
  body: '停水',
  startsAt: '2025-07-02T00:00:00.000Z',
  endsAt: '2025-07-02T04:00:00.000Z',
};

function signedNotices(sequence: number, notices: EmergencyNotice[] = [NOTICE], regionCode = COUNTY): SignedNotices {
  return {
    type: 'minsheng-notices',
    specVersion: 1,
    regionCode,
    sequence,
    createdAt: NOW.toISOString(),
    expiresAt: noticesExpiry(notices, NOW),
    notices,
  };
}

function fileOf(signed: SignedNotices, keys: TestKeys[]): NoticesFile {
  return parseNoticesFile(Buffer.from(JSON.stringify(signAll(signed, keys))));
}

function rejectionOf(run: () => unknown): BundleRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleRejection) return error;
    throw error;
  }
  throw new Error('expected a BundleRejection');
}

describe.each(['ed25519', 'sm2'] as const)('notices file verification (%s)', (algorithm) => {
  const publisher = makeTestKeys(algorithm);
  const other = makeTestKeys(algorithm);
  const trust: NoticeTrust = {
    trust: { kind: 'publisher-keys', keys: [publisher.publicKey] },
    root: null,
    expectedRegion: COUNTY,
    stored: null,
    now: NOW,
  };

  it('accepts a file signed by the publisher key', () => {
    expect(verifyNotices(fileOf(signedNotices(5), [publisher]), trust)).toBe('newer');
  });

  it('rejects a forged notice', () => {
    const file = fileOf(signedNotices(5), [publisher]);
    file.signed.notices[0]!.title = '假通知';
    expect(rejectionOf(() => verifyNotices(file, trust)).reason).toBe('bad-signature');
  });

  it('rejects a file signed by another key', () => {
    expect(rejectionOf(() => verifyNotices(fileOf(signedNotices(5), [other]), trust)).reason).toBe('unknown-key');
  });

  it('rejects a replay of an older set', () => {
    const stored = fileOf(signedNotices(6, []), [publisher]);
    const rejection = rejectionOf(() => verifyNotices(fileOf(signedNotices(5), [publisher]), { ...trust, stored }));
    expect(rejection.reason).toBe('rollback');
    expect(rejection.details).toEqual({ installed: 6, offered: 5 });
  });

  it('keeps the first file of one sequence', () => {
    const stored = fileOf(signedNotices(6, []), [publisher]);
    expect(rejectionOf(() => verifyNotices(fileOf(signedNotices(6), [publisher]), { ...trust, stored })).reason).toBe('rollback');
  });

  it('reports the stored file as the same', () => {
    const stored = fileOf(signedNotices(6), [publisher]);
    expect(verifyNotices(fileOf(signedNotices(6), [publisher]), { ...trust, stored })).toBe('same');
  });

  it('rejects an expired file, naming the notices file', () => {
    const later = new Date(Date.parse(NOTICE.endsAt) + 24 * 60 * 60 * 1000 + 1);
    const rejection = rejectionOf(() => verifyNotices(fileOf(signedNotices(5), [publisher]), { ...trust, now: later }));
    expect(rejection.reason).toBe('expired');

    const outcome = { status: 'rejected' as const, reason: rejection.reason, details: rejection.details };
    const zhText = describeSyncProblem(outcome, translatorFor('zh-CN'));
    expect(zhText).toContain('紧急通知文件（notices.json）已于');
    expect(zhText).not.toContain('清单');
    expect(describeSyncProblem(outcome, translatorFor('en'))).toContain('the emergency notices file (notices.json) expired at');
  });

  it('rejects a file of another county', () => {
    const notice = { ...NOTICE, regionCode: '430124' };
    const rejection = rejectionOf(() => verifyNotices(fileOf(signedNotices(5, [notice], '430124'), [publisher]), trust));
    expect(rejection.reason).toBe('wrong-region');
  });
});

describe('notices file parsing', () => {
  const publisher = makeTestKeys();

  it('rejects a notice outside the file county', () => {
    const signed = signedNotices(1, [{ ...NOTICE, regionCode: '430124100' }]);
    const bytes = Buffer.from(JSON.stringify(signAll(signed, [publisher])));
    expect(rejectionOf(() => parseNoticesFile(bytes)).reason).toBe('malformed-notices');
  });

  it('rejects text that is not JSON', () => {
    expect(rejectionOf(() => parseNoticesFile(Buffer.from('<html>'))).details).toEqual({ problem: 'not valid JSON' });
  });

  it('sets a day of validity on an empty set', () => {
    expect(noticesExpiry([], NOW)).toBe('2025-07-02T00:00:00.000Z');
  });
});
