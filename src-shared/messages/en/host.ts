export default {
  configErrorTitle: 'The terminal config is invalid; the kiosk cannot start',
  configErrorHint: 'Fix the config file and start again. The fields are described in kiosk-config/README.md.',
  configMissingTitle: 'The terminal has no config; the kiosk cannot start',
  configMissing:
    'The terminal config {{file}} was not found. Write it as this account with minsheng provision --config {{file}} (see the technician guide, docs/technician.md), then start the kiosk again.',
  installingDemo: 'Installing the demo bundle {{bundle}} with the real sync ...',
  demoBundleMissing:
    'The demo bundle {{bundle}} was not found. Run npm run demo:rebuild to make it, or restore resources/demo-bundle/ from the repository.',
  electronMissing:
    "Electron's binary is not installed on this machine ({{reason}}): Electron downloads it from GitHub on first use, and that was not possible here. To use the Electron host, run npx install-electron with network access to GitHub. Starting the browser host instead.",
  electronStarting: 'Starting the Electron kiosk host with {{config}} ...',
  browserHostStarting: 'Starting the browser host (minsheng serve) ...',
  commandFailed: 'Command failed (exit code {{code}}): {{command}}',
} as const;
