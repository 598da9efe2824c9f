export default {
  summary: 'Serve the kiosk screens and API over HTTP on loopback, for Chromium in kiosk mode',
  help: [
    'Usage: minsheng serve (--data-dir FOLDER | --config FILE) [--port P] [--static DIR]',
    '',
    '  --data-dir the terminal\'s data folder, which may contain no snapshot before the first sync. With --config it replaces the config\'s dataDir',
    '  --port     TCP port on 127.0.0.1 (default {{defaultPort}}; 0 picks a free port)',
    '  --config   terminal config (JSON): terminal name, language, idle timeout, home region, large-entry limit, reporting, printer, and dataDir when --data-dir is absent. With it the log also goes to logs/kiosk.log in the data folder (JSON, info level and up), which the admin screen shows',
    '  --static   folder of the built screens (default: dist/renderer of this package)',
  ].join('\n'),
  staticMissing: 'The built kiosk screens were not found in {{dir}} (no index.html). Run npm run build first.',
  configInvalid: 'Cannot start with the terminal config {{file}}:',
  invalidPort: 'Invalid value "{{value}}" for --port: expected a port from 0 to {{max}} (0 picks a free port).',
  regionMismatch:
    'Warning: the terminal config names region {{configRegion}}, but the installed snapshot is for {{snapshotRegion}} {{regionName}}; lookups by residents of {{configRegion}} will find nothing. Run minsheng sync --region {{configRegion}}, or correct regionCode in the config.',
  listenFailed: 'Cannot listen on 127.0.0.1:{{port}}: {{reason}}. Choose another port with --port.',
  noSnapshot:
    'No snapshot is installed in {{dir}} yet. Until minsheng sync installs one, the screen shows "No data is installed on this kiosk yet, so lookups are not possible. Please ask the staff." with the keypad locked; within a minute of the install, lookups work again.',
  recovered:
    'The installed snapshot version {{damaged}} is damaged; serving the previous version {{version}} until the next sync installs a good copy. See the admin status and the log.',
  unusable:
    'The snapshot in {{dir}} is damaged ({{problem}}) and no sound previous version is kept; the screen shows "no data" until the next sync.',
  running: 'The kiosk is running at {{url}}',
  openInChromium: 'To open it in Chromium kiosk mode, run:',
  stopHint: 'Press Ctrl+C to stop.',
  stopped: 'Stopped.',
} as const;
