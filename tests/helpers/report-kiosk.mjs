// A kiosk as a child process for the exactly-once report test. It loads a terminal config and
// builds the kiosk service as the hosts do, from the compiled modules under dist (run
// `npm run build:main` first), so filing, sealing, the outbox and the uploader are the product's.
//
// Usage: node report-kiosk.mjs '<JSON options>' where the options are
//   { config, first, last, seed, maxPauseMs, upload: { timeoutMs, intervalMs, outbox } }.
// It files reports number `first` to `last`, pausing up to maxPauseMs between them, then keeps
// uploading until SIGTERM (which closes the service) or SIGKILL. Each report's text carries its
// number. Lines on stdout, each written before the next step starts (pipes are synchronous on Linux):
//   ready                                     the service is built and its outbox is open
//   filing <number>                           fileReport() is about to be called
//   filed <number> <caseNumber> <idempotency key>   fileReport() returned 'filed'
//   not-filed <number> <status>               fileReport() returned another status; the process exits 1
//   done                                      every report up to `last` was filed
// Logs go to stderr as JSON lines. The kiosk exits when its stdin closes.
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';

const dist = new URL('../../dist/main/', import.meta.url);
const { loadTerminalConfig, kioskSettingsOf } = await import(new URL('src-main/core/config.js', dist).href);
const { createKioskService } = await import(new URL('src-main/core/kiosk-service.js', dist).href);
const { reportingKeysOf } = await import(new URL('src-main/core/reports/commission-key.js', dist).href);
const { outboxPath } = await import(new URL('src-main/core/data-folder/layout.js', dist).href);
const { translatorFor } = await import(new URL('src-shared/messages/translator.js', dist).href);

const options = JSON.parse(process.argv[2] ?? '{}');

/** Returns the text of report `number`, which the test reads back from the exported report. */
function reportText(number) {
  return `测试举报第 ${number} 号：公示的耕地地力保护补贴与实际到账金额不符，请核实。`;
}

// A small seeded generator (mulberry32), so pauses follow the driver's seed.
let state = options.seed >>> 0;
function nextRandom() {
  state = (state + 0x6d2b79f5) | 0;
  let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
  mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
}

function writeLine(line) {
  process.stdout.write(`${line}\n`);
}

const t = translatorFor('en');
const loaded = loadTerminalConfig(options.config, t);
const service = createKioskService({
  dataDir: loaded.dataDir,
  settings: kioskSettingsOf(loaded.config),
  reporting: reportingKeysOf(loaded, t),
  upload: options.upload,
});

process.once('SIGTERM', () => {
  void service.close().then(() => process.exit(0));
});
// The test never writes to stdin, so its end means the test process is gone. The open stdin also
// keeps this process uploading after the last filing, because the uploader's timer is unref'd.
process.stdin.on('end', () => process.exit(2));
process.stdin.resume();

// fileReport() does not return the idempotency key, so it is read from the outbox. The newest row
// is the report just filed, because this process is the only one filing into this outbox.
const outbox = new Database(outboxPath(loaded.dataDir), { fileMustExist: true });
const newestKey = outbox.prepare('SELECT idempotency_key AS key FROM outbox ORDER BY rowid DESC LIMIT 1');
writeLine('ready');

for (let number = options.first; number <= options.last; number += 1) {
  writeLine(`filing ${number}`);
  const result = await service.fileReport({
    category: 'payment-wrong',
    record: null,
    regionCode: '431226101201',
    text: reportText(number),
    phone: null,
    consent: true,
    language: 'zh-CN',
  });

  if (result.status !== 'filed') {
    writeLine(`not-filed ${number} ${result.status}`);
    process.exit(1);
  }
  writeLine(`filed ${number} ${result.receipt.caseNumber} ${newestKey.get().key}`);

  await sleep(Math.floor(nextRandom() * (options.maxPauseMs + 1)));
}
writeLine('done');
