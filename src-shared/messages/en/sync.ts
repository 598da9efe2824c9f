export default {
  summary: 'Install a newer signed snapshot from a URL or a folder',
  help: [
    'Usage: minsheng sync --source URL|FOLDER --trust FILE --db FILE [--region CODE]',
    '',
    '  --source   bundle folder: an http(s) URL or a local folder such as a USB stick',
    '  --trust    PEM file with the publisher public key(s) this terminal trusts',
    '  --db       installed snapshot file (SQLite); created by the first sync',
    '  --region   6-digit county code this terminal serves; default: the installed snapshot\'s.',
    '             A snapshot of another county is replaced by this county\'s bundle, whatever',
    '             the version numbers (moving the terminal to another county).',
    '',
    'Exit code 0: installed or already up to date. 1: bundle rejected or sync failed; the',
    'installed data is left unchanged.',
  ].join('\n'),
  installed: 'Installed snapshot version {{version}} (replacing version {{previous}}).',
  installedFirst: 'Installed snapshot version {{version}}.',
  upToDate: 'Already up to date: version {{version}} is installed.',
  rejected: 'Bundle from {{source}} rejected; the installed data is unchanged. Reason: {{reason}}',
  failed: 'Sync from {{source}} failed; the installed data is unchanged. {{reason}}',
  trustInvalid: 'Cannot load the trusted keys from {{file}}: {{reason}}. Give --trust the publisher public key file (PEM).',
  unsupportedSource:
    'Unsupported value "{{value}}" for --source: give an http:// or https:// URL, a folder path, or a file:// URL of a local folder.',
  trustIsPrivateKey:
    '{{file}} is a private key. A terminal needs the publisher\'s public key (publisher.pub) for --trust; the private key (publisher.key) stays with the publisher and must not be copied to terminals.',
  invalidRegion: 'Invalid value "{{value}}" for --region: expected a 6-digit county code such as 430121.',
  source: {
    usbNotFound:
      'No USB stick or other mounted medium holds {{folder}} (searched {{roots}} and the folders up to 2 levels below them). Plug in the stick and check that it holds this folder.',
    usbManyRegions:
      'The mounted media hold bundles for regions {{regions}}. Set this terminal\'s region (--region) to choose one.',
  },
  file: {
    payload: 'payload',
    sqlite: 'database',
  },
  reason: {
    'malformed-manifest': 'the manifest is malformed ({{problem}}).',
    'unsupported-format':
      'the bundle uses {{field}} {{actual}}, but this kiosk supports {{expected}}; update the kiosk software.',
    'unknown-key': 'it is not signed by any trusted key (signed by key IDs {{keyIds}}); check the --trust file.',
    'bad-signature': 'the signature of trusted key {{keyId}} does not verify: the manifest was altered or damaged.',
    'wrong-region': 'it is for region {{actual}}, but this terminal serves region {{expected}}. To move the terminal to region {{actual}}, run sync with --region {{actual}}.',
    rollback: 'it is version {{offered}}, older than the installed version {{installed}}.',
    expired: 'it expired at {{expiresAt}}; ask the county to publish it again.',
    'length-mismatch':
      'the {{file}} has {{actual}} bytes instead of the signed {{expected}}: it was cut short, padded or replaced.',
    'hash-mismatch': 'the {{file}} does not match its signed SHA-256: it was altered or damaged on the way.',
    'integrity-check-failed': 'the snapshot database failed its check ({{problem}}).',
    network: 'The source could not be reached: {{problem}}. Check the network and the URL, then retry.',
    io: 'Reading or writing a file failed: {{problem}}. Check the folder, its permissions and free space, then retry.',
  },
} as const;
