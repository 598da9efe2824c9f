// Messages of `minsheng keygen` and `minsheng publish`. A key ending in `_outFolder` is the
// variant of its base key for the root files already in the output folder. i18next picks it
// when the error's params carry `context: 'outFolder'`.

const publishWithRoots =
  "Publish with --roots and the province's current root folder, which replaces the root files of the output folder and removes the versions that it lacks.";

export default {
  keygen: {
    summary: 'Generate a signing key pair (Ed25519 or SM2)',
    usage: [
      'Usage: minsheng keygen --out DIR [--alg ed25519|sm2] [--name NAME] [--force]',
      '',
      'Writes a key pair into DIR:',
      '  NAME.key  private key (PKCS#8 PEM, readable by the owner only) for minsheng publish --key; keep it safe',
      '  NAME.pub  public key (SPKI PEM) for the technicians to configure on the kiosks',
      '',
      'Options:',
      '  --out DIR     folder for the key files (created if missing)',
      '  --alg ALG     signature algorithm: ed25519 (default), or sm2 for SM2 signatures with SM3 digests',
      '                (national-standard cryptography)',
      '  --name NAME   file name of the pair without extension, default publisher (for example root-1 for a root key);',
      '                letters, digits, dots, underscores and hyphens',
      '  --force       overwrite existing key files (bundles signed with the old key will no longer be trusted)',
    ].join('\n'),
    exists: '{{file}} already exists and was not overwritten. Add --force to replace the old key.',
    writeFailed: 'Cannot write {{file}}: {{reason}}. Check the folder permissions.',
    written: 'Key pair written:\n  private key {{privateKey}}\n  public key  {{publicKey}}\nKey ID: {{keyId}} ({{algorithm}})',
    algInvalid: '--alg {{value}} is not a supported algorithm. Use one of: {{choices}}.',
    nameInvalid:
      '--name {{value}} is not a valid key name. Use 1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit (for example root-1).',
  },
  publish: {
    summary: 'Validate county data and write a signed bundle',
    usage: [
      'Usage: minsheng publish --data DIR --key FILE [--key FILE …] --out DIR [options]',
      '',
      'Validates regions.csv, subsidy_items.csv, persons.csv and payments.csv in the data folder',
      '(see docs/data-standard.md). When all rows are valid, builds and signs a snapshot and writes',
      'it into the output folder; on any error, lists the errors and writes nothing. When the output',
      'folder has an intact previous version, a delta from it is written too; payloads and deltas',
      'older than the previous version are removed.',
      '',
      'Options:',
      '  --data DIR            data folder with the four CSV files',
      '  --key FILE            publisher private key, Ed25519 or SM2 (publisher.key from minsheng keygen);',
      '                        repeat for each key of a threshold signature. Any SM2 key makes all digests SM3',
      '  --roots DIR           copy the root metadata 1.root.json … N.root.json from DIR into the bundle folder',
      '  --out DIR             bundle folder; if it already has a bundle, the version goes up by 1',
      '  --expires-days N      days until the bundle expires, 1 to 3650, default 30',
      '  --error-limit N       maximum number of errors printed, default 100',
      '  --errors-out FILE     write all errors as a CSV report (file,line,column,value,code,message_zh,message_en)',
    ].join('\n'),
    validating: 'Validating the data in {{dir}}…',
    derivingKeys: 'Deriving lookup keys: {{done}} / {{total}} persons',
    building: 'Building the snapshot…',
    buildingDelta: 'Building the delta from the previous version…',
    writing: 'Writing the bundle…',
    failed: 'The data has errors; no bundle was written.',
    showing: 'Showing {{shown}} of {{total}} errors.',
    allShown: '{{total}} error(s) in total.',
    fixAndRetry: 'Fix each one and run minsheng publish again.',
    errorsWritten: 'Error report written to {{file}} ({{count}} rows).',
    errorsWriteFailed: 'Cannot write the error report {{file}}: {{reason}}.',
    warningsHeader: '{{count}} warning(s) (publishing is not blocked):',
    succeeded: 'Published.',
    version: 'Version: {{version}}',
    region: 'Region: {{code}} {{name}}',
    counts: 'Households: {{households}}, persons: {{persons}}, payments: {{payments}}',
    dataAsOf: 'Data as of: {{date}}',
    bundle: 'Bundle: {{path}} ({{size}})',
    manifest: 'Manifest: {{path}}',
    keyId: 'Signing key ID: {{keyId}} ({{algorithm}})',
    hashAlgorithm: 'Digest algorithm: {{algorithm}}',
    delta: 'Delta: {{path}} ({{size}}) from version {{baseVersion}}: {{upserts}} rows new or changed, {{deletes}} deleted',
    deltaNone: 'Delta: none (no intact previous version in the output folder).',
    deltaSkipped: {
      schemaChanged: 'Delta: none, because the snapshot schema changed since the previous version; kiosks download the full bundle.',
      noPrimaryKey: 'Delta: none, because table {{table}} has no primary key; kiosks download the full bundle.',
      notSmaller: 'Delta: none, because it ({{deltaBytes}}) is not smaller than the full bundle ({{payloadBytes}}).',
    },
    rootsCopied: 'Root metadata copied: {{files}}',
    removedOld: 'Removed from the output folder: {{files}}',
    saltNew: 'A new lookup salt was drawn (first publication, or the previous payload is unusable).',
    elapsed: 'Elapsed: {{seconds}} s',
    expiresDaysRange: '--expires-days {{value}} is out of range: expected {{min}}-{{max}} days.',
    staleLock: 'Took over the lock {{lock}} left by process {{pid}}, which is no longer running.',
  },
  errors: {
    keyUnreadable:
      'Cannot read the private key file {{file}} ({{reason}}). Check the path and permissions, or create a key with minsheng keygen.',
    keyInvalid: '{{file}} is not a valid PEM private key ({{reason}}). Use publisher.key from minsheng keygen.',
    keyMissing: 'No signing key given. Add --key FILE.',
    tooManyKeys: '{{count}} signing keys given, but a manifest carries at most {{max}} signatures. Remove some --key options.',
    keyDuplicate:
      '{{file}} holds the same key (ID {{keyId}}) as {{other}}; a threshold needs distinct keys. Remove one of the two --key options.',
    keyEncrypted:
      '{{file}} is an encrypted private key; minsheng keys are not encrypted. Use publisher.key from minsheng keygen, or decrypt this key first (openssl pkey -in FILE -out publisher.key).',
    keyWrongType: '{{file}} is not an Ed25519 or SM2 private key ({{reason}}). Use publisher.key from minsheng keygen.',
    rootsUnreadable: 'Cannot read the root metadata {{dir}} ({{reason}}). Check the path given with --roots and its permissions.',
    rootsEmpty: 'The folder {{dir}} given with --roots holds no root metadata file (1.root.json, 2.root.json, …).',
    rootsGap: 'The root metadata in {{dir}} is incomplete: {{missing}} is missing, but {{newest}} exists. Add every version from 1.root.json on.',
    rootUnsigned: 'The root metadata {{file}} is not signed as terminals require ({{threshold}}); every terminal would refuse the bundle. Collect the missing signatures with minsheng root sign, check with minsheng root check, then publish again.',
    rootExpired: 'The newest root metadata {{file}} expired at {{expiresAt}}; terminals would refuse the bundle. Ask the province for a new root version (minsheng root rotate), then publish again.',
    rootNoCounty: 'The newest root metadata {{file}} names no publisher keys for county {{county}}; terminals would refuse the bundle. Ask the province to add them (minsheng root rotate --publisher {{county}}=FILE.pub).',
    rootKeysNotPublishers:
      'Too few signing keys are publisher keys of county {{county}} in {{file}} (found: {{matched}}, required: {{threshold}}), so terminals would reject the bundle. Sign with the county\'s publisher keys (--key).',
    rootInvalid: 'The root metadata file {{file}} is invalid ({{reason}}). Replace it with the file written by minsheng root.',
    rootsUnreadable_outFolder: `Cannot read the root metadata {{dir}} in the output folder ({{reason}}). Check its permissions. ${publishWithRoots}`,
    rootsGap_outFolder: `The root metadata in the output folder {{dir}} is incomplete, because {{missing}} is missing but {{newest}} exists. ${publishWithRoots}`,
    rootInvalid_outFolder: `The root metadata file {{file}} in the output folder is invalid ({{reason}}). ${publishWithRoots}`,
    rootUnsigned_outFolder: `The root metadata {{file}}, already in the output folder, is not signed as terminals require ({{threshold}}), so every terminal would reject the bundle. ${publishWithRoots}`,
    rootExpired_outFolder:
      "The newest root metadata {{file}} in the output folder expired at {{expiresAt}}, so terminals would reject the bundle. Ask the province for a new root version (minsheng root rotate), then publish with --roots and the province's root folder.",
    rootNoCounty_outFolder: `The newest root metadata {{file}} in the output folder names no publisher keys for county {{county}}, so terminals would reject the bundle. ${publishWithRoots} If that folder lacks the county too, ask the province to add it (minsheng root rotate --publisher {{county}}=FILE.pub).`,
    rootKeysNotPublishers_outFolder:
      "Only {{matched}} of the signing keys are publisher keys of county {{county}} in {{file}}, which is already in the output folder, but {{threshold}} are needed, so terminals would reject the bundle. Sign with the county's publisher keys (--key), or, if the province has issued a root version with new publisher keys, publish with --roots and the province's root folder.",
    previousManifestInvalid:
      'The existing {{path}} in the output folder is invalid ({{reason}}), so the next version is unknown. Restore the manifest.json of the last publication (for example from the server that serves the bundle), or, if no terminal has installed a bundle from this folder, publish into an empty folder.',
    manifestMissing:
      'The output folder {{dir}} has no manifest.json, but it contains bundle files up to version {{version}} ({{file}}). Publishing would start again at version 1 and delete these files, and terminals that have a newer version would reject version 1 as older. Nothing was written. Put the manifest.json of version {{version}} back into {{dir}}, or, if no terminal has installed any of these versions, publish into an empty folder.',
    staleRootsNotRemoved:
      'Version {{version}} was published into {{dir}}, but the root metadata {{files}}, which --roots does not contain, could not be removed ({{reason}}). Terminals would read it as the next root version. Delete {{files}} from {{dir}} now.',
    outUnreadable: 'Cannot list the files of the output folder {{dir}} ({{reason}}). Check the permissions of {{dir}} or choose another folder with --out.',
    regionMismatch:
      'The output folder {{dir}} holds bundles of {{previous}}, but this data belongs to {{current}}. Use another output folder.',
    writeFailed: 'Writing the bundle failed: {{reason}}. The previous version in the output folder is unchanged.',
    outNotAFolder: '--out {{dir}} is a file, not a folder. Give the path of a folder (it is created if missing).',
    outNotWritable:
      'Cannot write into the output folder {{dir}} ({{reason}}). Check the permissions of {{dir}} or choose another folder with --out.',
    locked:
      'Another minsheng publish (process {{pid}}, started {{started}}) is writing into {{dir}}. Wait until it has finished and run again; if that process no longer exists, delete {{lock}}.',
    lockUnreadable: 'The lock file {{lock}} in {{dir}} cannot be read ({{reason}}). If no minsheng publish is running, delete it and run again.',
  },
} as const;
