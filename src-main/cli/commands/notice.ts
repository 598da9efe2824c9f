// `minsheng notice publish | end | list`: the county's emergency notices in a bundle folder,
// signed with the same keys as the bundle and written without rebuilding it.
import path from 'node:path';
import type { EmergencyNotice } from '../../../src-shared/emergency-notices.js';
import { chinaTimeIso, isNoticeActive } from '../../../src-shared/emergency-notices.js';
import { checkNoticeId, NoticeError, noticeFromFlags } from '../../publisher/notice-flags.js';
import type { TrustAnchor } from '../../core/trust/anchor.js';
import { describeTrustError, loadTrustFile, TrustError } from '../../core/trust/anchor.js';
import { endNotice, publishNotice, readCheckedNotices } from '../../publisher/notice-publish.js';
import type { NoticeWriteResult } from '../../publisher/notice-publish.js';
import { copyNoticesToUsb } from '../../publisher/usb-copy.js';
import { PublishError } from '../../publisher/publish-error.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption, UsageError } from '../command.js';

function keyFilesOf(values: { key?: string[] }, context: CommandContext): string[] {
  const files = values.key ?? [];
  if (files.length === 0 || files.some((file) => file.length === 0)) throw new UsageError(context.t('cli:missingOption', { option: '--key' }));
  return files;
}

function noticeLine(notice: EmergencyNotice, now: Date, context: CommandContext): string {
  let state = 'notice:state.upcoming';
  if (isNoticeActive(notice, now.getTime())) state = 'notice:state.active';
  else if (Date.parse(notice.endsAt) <= now.getTime()) state = 'notice:state.ended';
  return context.t('notice:listLine', { ...notice, startsAt: chinaTimeIso(notice.startsAt), endsAt: chinaTimeIso(notice.endsAt), state: context.t(state) });
}

/** Exit status when notices.json was written but a copy to a USB stick failed, as for publish --usb. */
const EXIT_USB_FAILED = 3;

function usbDirsOf(values: { usb?: string[] }, context: CommandContext): string[] {
  const dirs = (values.usb ?? []).map((dir) => path.resolve(dir));
  if ((values.usb ?? []).some((dir) => dir.length === 0)) throw new UsageError(context.t('cli:missingOption', { option: '--usb' }));
  return dirs;
}

/** Prints the written file, then copies it to each stick in `usbDirs`; returns the exit status. */
async function finishWritten(result: NoticeWriteResult, messageKey: string, id: string, usbDirs: readonly string[], context: CommandContext): Promise<number> {
  const now = new Date();
  const lines = [context.t(messageKey, { id, file: result.file, sequence: result.sequence, count: result.notices.length })];
  if (result.dropped > 0) lines.push(context.t('notice:droppedEnded', { count: result.dropped }));
  for (const notice of result.notices) lines.push(`  ${noticeLine(notice, now, context)}`);
  context.stdout.write(`${lines.join('\n')}\n`);

  let status = 0;
  for (const dir of usbDirs) {
    const usb = await copyNoticesToUsb(path.dirname(result.file), dir, result.regionCode);
    if (usb.ok) {
      context.stdout.write(`${context.t('notice:usbCopied', { dir: usb.dir, folder: usb.folder })}\n`);
    } else {
      context.stderr.write(`${context.t(`publish:errors.${usb.code}`, usb.params)}\n`);
      status = EXIT_USB_FAILED;
    }
  }
  return status;
}

async function runPublish(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions(argv, {
    region: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    id: { type: 'string' },
    key: { type: 'string', multiple: true },
    out: { type: 'string' },
    usb: { type: 'string', multiple: true },
  });
  const flags = {
    region: requireOption(values, 'region', context),
    // An empty --title or --body gets the same message as one of spaces only.
    title: values.title === '' ? '' : requireOption(values, 'title', context),
    body: values.body === '' ? '' : requireOption(values, 'body', context),
    start: requireOption(values, 'start', context),
    end: requireOption(values, 'end', context),
    id: values.id,
  };
  const keyFiles = keyFilesOf(values, context);
  const outDir = path.resolve(requireOption(values, 'out', context));
  const usbDirs = usbDirsOf(values, context);

  let id = '';
  const result = await publishNotice({
    outDir,
    keyFiles,
    notice: (county, now) => {
      const notice = noticeFromFlags(flags, county, now);
      id = notice.id;
      return notice;
    },
  });
  return finishWritten(result, 'notice:published', id, usbDirs, context);
}

async function runEnd(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions(argv, {
    id: { type: 'string' },
    key: { type: 'string', multiple: true },
    out: { type: 'string' },
    usb: { type: 'string', multiple: true },
  });
  const id = checkNoticeId(requireOption(values, 'id', context));
  const keyFiles = keyFilesOf(values, context);
  const outDir = path.resolve(requireOption(values, 'out', context));
  const usbDirs = usbDirsOf(values, context);

  return finishWritten(await endNotice({ outDir, keyFiles, id }), 'notice:ended', id, usbDirs, context);
}

async function runList(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions(argv, { out: { type: 'string' }, json: { type: 'boolean' }, trust: { type: 'string' }, key: { type: 'string', multiple: true } });
  const outDir = path.resolve(requireOption(values, 'out', context));
  const keyFiles = values.key === undefined ? [] : keyFilesOf(values, context);
  let trust: TrustAnchor | undefined;
  try {
    trust = values.trust === undefined ? undefined : loadTrustFile(path.resolve(values.trust));
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    context.stderr.write(`${describeTrustError(error, context.t)}\n`);
    return 1;
  }

  const published = await readCheckedNotices(outDir, { trust, keyFiles });
  if (values.json) {
    context.stdout.write(`${JSON.stringify(published?.signed ?? null, null, 2)}\n`);
    return 0;
  }
  if (published === null || published.signed.notices.length === 0) {
    context.stdout.write(`${context.t('notice:noneListed', { dir: outDir })}\n`);
    return 0;
  }
  const now = new Date();
  const lines = [context.t('notice:listHeader', { dir: outDir, sequence: published.signed.sequence, county: published.signed.regionCode })];
  for (const notice of published.signed.notices) lines.push(`  ${noticeLine(notice, now, context)}`);
  context.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const ACTIONS: Record<string, (argv: string[], context: CommandContext) => Promise<number>> = {
  publish: runPublish,
  end: runEnd,
  list: runList,
};

const notice: Command = {
  summaryKey: 'notice:summary',

  async run(argv, context) {
    const [action, ...rest] = argv;
    if (action === undefined || action === '--help' || action === '-h' || rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`${context.t('notice:help')}\n`);
      return action === undefined ? 2 : 0;
    }
    const run = ACTIONS[action];
    if (run === undefined) throw new UsageError(context.t('notice:unknownAction', { action }));

    try {
      return await run(rest, context);
    } catch (error) {
      if (error instanceof NoticeError) {
        context.stderr.write(`${context.t(`notice:${error.code}`, error.params)}\n`);
        return 1;
      }
      if (error instanceof PublishError) {
        context.stderr.write(`${context.t(`publish:errors.${error.code}`, error.params)}\n`);
        return 1;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw error;
      context.stderr.write(`${context.t('publish:errors.writeFailed', { reason: (error as Error).message })}\n`);
      return 1;
    }
  },
};

export default notice;
