export default {
  summary: 'Start the kiosk and keep it running: restart it after a crash, a hang or too much memory',
  help: [
    'Usage: minsheng watchdog --config FILE [--start-grace S] [--stop-grace S] [-- COMMAND ARGS...]',
    '',
    'Starts the kiosk and restarts it when it exits, sends no heartbeat for watchdog.hangSeconds, or',
    'uses more than watchdog.memoryLimitMb; once a day in watchdog.dailyRestart when nobody uses it.',
    'Each restart is recorded in logs/incidents.jsonl of the data folder; the log is logs/watchdog.log.',
    'A kiosk that a technician closes from the admin screen ends the supervision.',
    '',
    '  --config       terminal config (JSON): dataDir and the watchdog section',
    '  --start-grace  seconds a new kiosk may take to send its first heartbeat (default: twice hangSeconds, at least 60)',
    '  --stop-grace   seconds between SIGTERM and SIGKILL when stopping the kiosk (default {{stopGrace}})',
    '  -- COMMAND     the kiosk to start; default: the Electron kiosk with --config FILE',
    '',
    'Example with the browser host: minsheng watchdog --config kiosk.json -- minsheng serve --config kiosk.json',
  ].join('\n'),
  unexpectedArgument: 'Unexpected argument "{{value}}". Put the kiosk command after --, for example: minsheng watchdog --config FILE -- minsheng serve --config FILE',
  configInvalid: 'Cannot supervise the kiosk with the terminal config {{file}}:',
  noKioskCommand:
    'No kiosk command was given and the Electron kiosk was not found ({{reason}}). Install the packaged kiosk, or give the kiosk command after --, for example:\n  {{example}}',
  socketFailed: 'Cannot open the watchdog socket: {{reason}}',
  emptyWindow:
    'Warning: watchdog.dailyRestart runs from {{from}} to {{to}}, a window of no length, so the kiosk gets no daily restart. Set "to" to a later time than "from".',
  started: 'Supervising the kiosk: {{command}}\nLog: {{log}}\nPress Ctrl+C to stop the kiosk and the supervision.',
  incident: 'Watchdog incident ({{kind}}): {{detail}}',
  stopped: 'Supervision ended.',
  kioskNotStartable: 'The kiosk program {{command}} is missing or may not be run, so the supervisor has stopped. Check the command after -- (its path and execute permission), or install the kiosk.',
  logFileFailed:
    'Cannot write the supervisor log {{file}} ({{code}}): the data folder {{folder}} is read-only, full, or not a folder. Log lines go to this window until the file can be written again; the kiosk is still supervised. Free space on the disk or fix dataDir in the terminal config.',
  logFileResumed: 'The supervisor log {{file}} can be written again.',
} as const;
