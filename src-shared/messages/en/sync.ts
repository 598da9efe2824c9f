export default {
  summary: 'Install a newer signed snapshot from a URL, a folder or a USB stick',
  help: [
    'Usage: minsheng sync --source URL|FOLDER|usb (--trust FILE | --root-key FILE... --threshold N)',
    '                     --data-dir FOLDER [--region CODE] [--notices-only]',
    '',
    '  --source     bundle folder: an http(s) URL, a local folder, or "usb" to look for',
    '               minsheng-bundles/<region>/ on mounted USB sticks',
    '  --trust      the trust file: root metadata (N.root.json) or publisher public key(s) (PEM,',
    '               Ed25519 or SM2)',
    '  --root-key   a root public key file (PEM); repeat for each key. Needs --threshold',
    '  --threshold  number of --root-key keys that must sign root version 1',
    '  --data-dir   the terminal\'s data folder (snapshots, pointers, trust state); created by',
    '               the first sync',
    '  --region     6-digit county code this terminal serves; default: the installed snapshot\'s.',
    '               A snapshot of another county is replaced by this county\'s bundle, whatever',
    '               the version numbers (moving the terminal to another county).',
    '  --notices-only  fetch only the emergency notices file (notices.json), not the bundle',
    '',
    'After the bundle, the emergency notices file beside it is fetched and checked too.',
    'Exit code 0: installed or already up to date. 1: bundle or notices rejected, or sync failed;',
    'the installed data and notices are left unchanged.',
  ].join('\n'),
  installed: 'Installed snapshot version {{version}} (replacing version {{previous}}).',
  installedFirst: 'Installed snapshot version {{version}}.',
  installedByDelta: 'Installed snapshot version {{version}} from the delta (replacing version {{previous}}).',
  installedOlder:
    'Installed snapshot version {{version}}, lower than the replaced version {{previous}}: the province replaced the county\'s publisher keys, so versions signed by the new keys count from their own start. If the keys were not replaced on purpose, tell the province at once.',
  upToDate: 'Already up to date: version {{version}} is installed.',
  rejected: 'Bundle from {{source}} rejected; the installed data is unchanged. Reason: {{reason}}',
  failed: 'Sync from {{source}} failed; the installed data is unchanged. {{reason}}',
  trustInvalid:
    'Cannot load the trust from {{file}}: {{reason}}. Give --trust a root metadata file (N.root.json) or the publisher public key file (PEM), or give --root-key once per root public key file (PEM) with --threshold.',
  trustOptions: 'Give either --trust FILE or --root-key FILE (one or more) with --threshold N.',
  invalidThreshold: 'Invalid value "{{value}}" for --threshold: give a whole number from 1 to the number of root keys.',
  unsupportedSource:
    'Unsupported value "{{value}}" for --source: give an http:// or https:// URL, a folder path, a file:// URL of a local folder, or usb.',
  trustIsPrivateKey:
    '{{file}} is a private key. A terminal needs public keys or root metadata for --trust and --root-key; private keys stay with the publisher and the province and must not be copied to terminals.',
  invalidRegion: 'Invalid value "{{value}}" for --region: expected a 6-digit county code such as 430121.',
  source: {
    usbNotFound:
      'No USB stick or other mounted medium contains {{folder}} (searched {{roots}} and the folders up to 2 levels below them). Plug in the stick and check that it contains this folder.',
    usbNotRegular: '{{file}} on the USB stick is not a regular file but a link, pipe or device. Copy the bundle itself onto the stick, not a link to it.',
    usbManyRegions:
      'The mounted media contain bundles for regions {{regions}}. Set this terminal\'s region (--region) to choose one.',
  },
  file: {
    payload: 'payload',
    sqlite: 'database',
    delta: 'delta',
    'delta-sqlite': 'delta database',
  },
  reason: {
    'malformed-manifest': 'the manifest is malformed ({{problem}}).',
    'unsupported-format':
      'the bundle uses {{field}} {{actual}}, but this kiosk supports {{expected}}. Update the kiosk software.',
    'unknown-key':
      'it is not signed by any trusted key (signed by key IDs {{keyIds}}, trusted: {{trusted}}). Check the trust anchor: the --trust file or the --root-key files, or sync.trust or sync.rootKeys in the terminal config.',
    'no-publisher-role': 'root version {{root}} names no publisher keys for region {{region}}. Ask the province to add them.',
    'bad-signature': 'the signature of trusted key {{keyId}} does not verify: the manifest was altered or damaged.',
    'threshold-not-met': 'only {{valid}} of the required {{threshold}} trusted signatures verify.',
    'wrong-region': 'it is for region {{actual}}, but this terminal serves region {{expected}}. To move the terminal to region {{actual}}, run sync with --region {{actual}}.',
    rollback: 'it is version {{offered}}, older than version {{installed}} this terminal already trusts.',
    expired: 'its manifest expired at {{expiresAt}} (terminal time {{now}}). Ask the county to publish it again.',
    expiredRoot:
      'the root metadata expired at {{expiresAt}} (terminal time {{now}}). Ask the province to sign a new root version (minsheng root rotate) and the county to publish with it.',
    'length-mismatch':
      'the {{file}} has {{actual}} bytes instead of the signed {{expected}}: it was cut short, padded or replaced.',
    'hash-mismatch': 'the {{file}} does not match its signed digest: it was altered or damaged on the way.',
    'integrity-check-failed': 'the snapshot database failed its check ({{problem}}).',
    'content-digest-mismatch': 'the snapshot\'s rows do not match the signed content digest.',
    'malformed-root': 'the root metadata {{file}} is malformed ({{problem}}).',
    'root-sequence': 'the root metadata {{file}} has version {{actual}} instead of {{expected}}.',
    'root-threshold':
      'the root metadata {{file}} has too few valid signatures from the {{signer}} root keys (valid: {{valid}}, required: {{threshold}}).',
    'no-root': 'the source has no root metadata file {{file}}, which is needed to start the chain from the configured root keys.',
    'malformed-notices': 'the emergency notices file is malformed ({{problem}}). Ask the county to publish the notices again.',
    network:
      'The download from the source failed: {{problem}}. If the server answered with an HTTP status such as 404, check the URL and that the bundle is on the server; if there was no answer, check the network. Then retry.',
    io: 'Reading or writing a file failed: {{problem}}. Check the folder and its permissions, then retry.',
    busy: 'Another sync (process {{pid}}) is running on this data folder, so this pass changed nothing. Retry when it has finished.',
    'disk-full':
      'The disk is full: {{problem}}. A new version needs free space of about twice the installed snapshot\'s size, for the download and the staged copy. Free space on the data folder\'s disk, then retry.',
    'read-only': 'The data folder cannot be written: {{problem}}. Check that the disk is not read-only and the folder\'s permissions.',
  },
  signer: {
    previous: 'previous',
    self: 'new',
  },
} as const;
