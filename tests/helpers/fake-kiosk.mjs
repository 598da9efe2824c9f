// A stand-in kiosk for the watchdog tests: plain Node that heartbeats through the product's
// watchdog client (compiled, under dist; run `npm run build:main` first) and misbehaves on cue.
//
// Usage: node fake-kiosk.mjs '<JSON options>' with the options
//   { stateDir, heartbeatSeconds, plan: [behaviour, ...] }.
// Each start counts itself in <stateDir>/starts and follows plan[start], or the plan's last entry
// once the plan is used up, so a test can script "crash, crash, then healthy". A behaviour is
//   { mode, afterHeartbeats = 1, busy = false, exitCode, memoryBytes, hideMemory, ignoreSigterm }
// with mode one of
//   healthy         heartbeats until stopped
//   exit-at-start   exits with exitCode (default 1) before connecting
//   silent          runs without ever connecting, so it sends no heartbeat at all
//   exit            exits with exitCode (default 1) after `afterHeartbeats` heartbeats
//   hang            after `afterHeartbeats` heartbeats blocks its main thread for good, so no
//                   heartbeat or signal handler runs; with ignoreSigterm a SIGTERM handler is
//                   installed first, so only SIGKILL ends it
//   grow            after `afterHeartbeats` heartbeats allocates and touches 32 MB every 100 ms;
//                   heartbeats report the real resident size, or 0 with hideMemory
//   report-memory   heartbeats report memoryBytes while using little
// It appends one JSON line per event to <stateDir>/events.jsonl:
//   { start, pid, event: started | heartbeat | exiting | hanging | growing, at }.
// It exits by itself when its parent (the supervisor) is gone, or after ten minutes.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dist = new URL('../../dist/main/', import.meta.url);
const { startWatchdogClient } = await import(new URL('src-main/core/watchdog-client.js', dist).href);
const { createLogger } = await import(new URL('src-main/core/log.js', dist).href);

const options = JSON.parse(process.argv[2] ?? '{}');
const startsFile = path.join(options.stateDir, 'starts');
const eventsFile = path.join(options.stateDir, 'events.jsonl');

let start = 0;
try {
  start = Number(readFileSync(startsFile, 'utf8'));
} catch {
  // The first start: no counter yet.
}
writeFileSync(startsFile, String(start + 1));
const behaviour = { afterHeartbeats: 1, busy: false, ...options.plan[Math.min(start, options.plan.length - 1)] };

function note(event) {
  appendFileSync(eventsFile, `${JSON.stringify({ start, pid: process.pid, event, at: Date.now() })}\n`);
}

note('started');
if (behaviour.mode === 'exit-at-start') process.exit(behaviour.exitCode ?? 1);

// The supervisor starts the kiosk in a process group of its own, so the kiosk would outlive a
// test process that dies without stopping it. It watches its parent instead.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(3);
}, 200);
setTimeout(() => process.exit(4), 10 * 60 * 1000);

if (behaviour.ignoreSigterm) process.on('SIGTERM', () => note('ignored-sigterm'));

const hoard = [];
let heartbeats = 0;

function misbehave() {
  if (behaviour.mode === 'exit') {
    note('exiting');
    process.exit(behaviour.exitCode ?? 1);
  }
  if (behaviour.mode === 'hang') {
    note('hanging');
    // Atomics.wait on the main thread blocks it without using the CPU.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  if (behaviour.mode === 'grow') {
    note('growing');
    setInterval(() => hoard.push(Buffer.alloc(32 * 1024 * 1024).fill(1)), 100);
  }
}

function vitals() {
  heartbeats += 1;
  note('heartbeat');
  // After the heartbeat has been written.
  if (heartbeats === behaviour.afterHeartbeats) setTimeout(misbehave, 50);

  let memoryBytes = process.memoryUsage().rss;
  if (behaviour.mode === 'report-memory') memoryBytes = behaviour.memoryBytes;
  if (behaviour.mode === 'grow' && behaviour.hideMemory) memoryBytes = 0;
  return { memoryBytes, busy: behaviour.busy };
}

if (behaviour.mode !== 'silent') startWatchdogClient({ heartbeatSeconds: options.heartbeatSeconds, vitals, log: createLogger('fake-kiosk'), reconnectMs: 200 });
