// The key of the identifiers the import makes up (standard-ids.ts) when publishing. It must stay
// the same from one version to the next, so a delta touches only the rows that changed, and it
// must stay secret, so the identifiers reveal no ID number. The county's signing key already has
// both properties, so the key is derived from the first --key file's bytes. A county that signs
// with another first key gets new identifiers once, which costs one larger delta and nothing else.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Derives the identifier key from the signing key file; null when the file cannot be read. */
export async function idKeyFromSigningKeyFile(keyFile: string): Promise<Buffer | null> {
  let pem: Buffer;
  try {
    pem = await readFile(keyFile);
  } catch {
    // publish reads the key file again and reports why it cannot.
    return null;
  }
  return createHmac('sha256', pem).update('minsheng import identifiers v1').digest();
}
