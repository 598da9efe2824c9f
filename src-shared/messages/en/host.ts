export default {
  configErrorTitle: 'The terminal config is invalid; the kiosk cannot start',
  configErrorHint: 'Fix the config file and start again. The fields are described in kiosk-config/README.md.',
  building: 'Building (npm run build) ...',
  installingDemo: 'Installing the demo bundle {{bundle}} with the real sync ...',
  demoBundleMissing:
    'The demo bundle {{bundle}} was not found. Run npm run demo:rebuild to make it, or restore resources/demo-bundle/ from the repository.',
  electronMissing:
    "Electron's binary is not installed on this machine ({{reason}}): it could not be downloaded from GitHub. Run npm ci again with network access to GitHub to install it. Starting the browser host instead.",
  browserHostStarting: 'Starting the browser host (minsheng serve) ...',
  browserHostUrl: 'The kiosk is running at {{url}}.',
  openInChromium: 'To open it in Chromium kiosk mode, run:',
  stopHint: 'Press Ctrl+C to stop.',
  commandFailed: 'Command failed (exit code {{code}}): {{command}}',
} as const;
