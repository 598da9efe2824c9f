// Signing keys of either algorithm behind one interface. The algorithm is read from the DER, not
// from a file name or an option: Ed25519 keys go through node:crypto (Electron's BoringSSL has
// Ed25519), SM2 keys through sm2.ts (BoringSSL has neither SM2 nor SM3).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  TAG,
  expectTag,
  readBitStringBytes,
  readChildren,
  readObjectIdentifier,
  readOnly,
  readUnsignedInteger,
} from './der.js';
import type { DerElement } from './der.js';
import { KeyError } from './key-error.js';
import type { KeyPairPem, PrivateKey, PublicKey, SignatureAlgorithm } from './key-types.js';
import { decodeSinglePem, encodePem } from './pem.js';
import { EC_PUBLIC_KEY_OID, SM2_CURVE_OID, Sm2PrivateKey, Sm2PublicKey } from './sm2.js';

export { KeyError } from './key-error.js';
export { splitPemBlocks } from './pem.js';

const ED25519_OID = '1.3.101.112';

// Names of the OIDs of keys people are likely to pass by mistake, so the error can name the kind.
const KNOWN_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.113': 'Ed448',
  '1.2.840.10045.3.1.7': 'NIST P-256',
  '1.3.132.0.34': 'NIST P-384',
  '1.3.132.0.10': 'secp256k1',
  [SM2_CURVE_OID]: 'SM2 curve',
};

function describeOid(oid: string): string {
  const name = KNOWN_OIDS[oid];
  return name === undefined ? oid : `${oid} (${name})`;
}

/** Reads an AlgorithmIdentifier and returns the signature algorithm it names, or throws. */
function readAlgorithm(element: DerElement | undefined, subject: string): SignatureAlgorithm {
  const fields = readChildren(expectTag(element, TAG.sequence, `${subject} algorithm`), `${subject} algorithm`);
  const oid = readObjectIdentifier(fields[0], `${subject} algorithm`);

  if (oid === ED25519_OID) {
    // RFC 8410 requires the parameters of Ed25519 to be absent.
    if (fields.length !== 1) throw new KeyError(`${subject}: Ed25519 algorithm with unexpected parameters`);
    return 'ed25519';
  }

  if (oid === EC_PUBLIC_KEY_OID) {
    if (fields.length !== 2) throw new KeyError(`${subject}: EC key without a named curve`, 'unsupported');
    if (fields[1]!.tag !== TAG.objectIdentifier) {
      const reason = `${subject}: EC key with explicit curve parameters; only the named SM2 curve is supported`;
      throw new KeyError(reason, 'unsupported');
    }
    const curve = readObjectIdentifier(fields[1], `${subject} curve`);
    if (curve !== SM2_CURVE_OID) {
      const reason = `${subject}: EC curve ${describeOid(curve)} is not supported; expected SM2 (${SM2_CURVE_OID})`;
      throw new KeyError(reason, 'unsupported');
    }
    return 'sm2';
  }

  const reason = `${subject}: key algorithm ${describeOid(oid)} is not supported; expected Ed25519 or SM2`;
  throw new KeyError(reason, 'unsupported');
}

function keyIdOfSpki(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}

function ed25519PublicKey(key: KeyObject): PublicKey {
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    algorithm: 'ed25519',
    keyId: keyIdOfSpki(spki),
    pem: encodePem('PUBLIC KEY', spki),
    verify(message, signatureBase64) {
      const signature = decodeBase64Signature(signatureBase64);
      if (signature === undefined || signature.length !== 64) return false;
      try {
        return nodeVerify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

function sm2PublicKey(key: Sm2PublicKey): PublicKey {
  const spki = key.toSpkiDer();
  return {
    algorithm: 'sm2',
    keyId: keyIdOfSpki(spki),
    pem: encodePem('PUBLIC KEY', spki),
    verify(message, signatureBase64) {
      const signature = decodeBase64Signature(signatureBase64);
      if (signature === undefined) return false;
      return key.verify(message, signature);
    },
  };
}

/** Decodes strict base64, or returns undefined, because Buffer.from skips invalid characters. */
function decodeBase64Signature(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 1024) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Parses one SPKI "PUBLIC KEY" PEM block of an Ed25519 or SM2 key; throws a KeyError with the reason. */
export function parsePublicKeyPem(pem: string): PublicKey {
  const subject = 'public key';
  const { label, der } = decodeSinglePem(pem, subject);
  if (label.includes('PRIVATE KEY')) {
    throw new KeyError(`${subject}: this is a private key (${label}); give the public key file`);
  }
  if (label !== 'PUBLIC KEY') throw new KeyError(`${subject}: PEM label "${label}" is not "PUBLIC KEY"`, 'unsupported');

  const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
  if (fields.length !== 2) {
    throw new KeyError(`${subject}: SubjectPublicKeyInfo must have 2 fields, found ${fields.length}`);
  }
  const algorithm = readAlgorithm(fields[0], subject);
  const keyBytes = readBitStringBytes(fields[1], subject);

  if (algorithm === 'sm2') return sm2PublicKey(Sm2PublicKey.fromSubjectPublicKey(keyBytes));

  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch (error) {
    throw new KeyError(`${subject}: invalid Ed25519 key (${(error as Error).message})`);
  }
  return ed25519PublicKey(key);
}

/**
 * Parses an unencrypted private key: PKCS#8 "PRIVATE KEY" (Ed25519 or SM2) or SEC1 "EC PRIVATE
 * KEY" / "SM2 PRIVATE KEY" with the SM2 curve. Throws a KeyError whose code is 'encrypted' for a
 * password-protected key.
 */
export function parsePrivateKeyPem(pem: string): PrivateKey {
  const subject = 'private key';
  const { label, der } = decodeSinglePem(pem, subject);

  if (label === 'ENCRYPTED PRIVATE KEY') {
    throw new KeyError(`${subject}: the key is encrypted with a password`, 'encrypted');
  }
  if (label === 'PUBLIC KEY') throw new KeyError(`${subject}: this is a public key; give the private key file`);
  if (label === 'EC PRIVATE KEY' || label === 'SM2 PRIVATE KEY') {
    return sm2PrivateKey(Sm2PrivateKey.fromEcPrivateKeyDer(der, `${subject} (SEC1)`, true));
  }
  if (label !== 'PRIVATE KEY') throw new KeyError(`${subject}: PEM label "${label}" is not "PRIVATE KEY"`, 'unsupported');

  // PKCS#8 / RFC 5958: version, algorithm, private key, optional [0] attributes and [1] public key.
  const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
  const version = readUnsignedInteger(fields[0], `${subject} version`);
  if (version > 1n) throw new KeyError(`${subject}: PKCS#8 version ${version} is not supported`, 'unsupported');
  const algorithm = readAlgorithm(fields[1], subject);
  const privateKey = expectTag(fields[2], TAG.octetString, subject).content;

  if (algorithm === 'sm2') {
    if (fields.length !== 3) throw new KeyError(`${subject}: unexpected fields after the SM2 private key`);
    return sm2PrivateKey(Sm2PrivateKey.fromEcPrivateKeyDer(privateKey, `${subject} (PKCS#8 SM2)`, false));
  }

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new KeyError(`${subject}: invalid Ed25519 key (${(error as Error).message})`);
  }
  return ed25519PrivateKey(key);
}

function ed25519PrivateKey(key: KeyObject): PrivateKey {
  return {
    algorithm: 'ed25519',
    publicKey: ed25519PublicKey(createPublicKey(key)),
    sign: (message) => nodeSign(null, message, key).toString('base64'),
  };
}

function sm2PrivateKey(key: Sm2PrivateKey): PrivateKey {
  return {
    algorithm: 'sm2',
    publicKey: sm2PublicKey(key.publicKey),
    sign: (message) => key.sign(message).toString('base64'),
  };
}

/** Generates a key pair as PKCS#8 and SPKI PEM, in the same form as OpenSSL 3 writes them. */
export function generateKeyPair(algorithm: SignatureAlgorithm): KeyPairPem {
  if (algorithm === 'sm2') {
    const key = Sm2PrivateKey.generate();
    return {
      privateKeyPem: encodePem('PRIVATE KEY', key.toPkcs8Der()),
      publicKeyPem: encodePem('PUBLIC KEY', key.publicKey.toSpkiDer()),
    };
  }

  if (algorithm === 'ed25519') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  throw new KeyError(`unsupported key algorithm ${JSON.stringify(algorithm)}: expected ed25519 or sm2`, 'unsupported');
}

/** Returns the key ID, the hex SHA-256 of the DER SubjectPublicKeyInfo, of a public key PEM. */
export function keyIdOfPublicKey(pem: string): string {
  return parsePublicKeyPem(pem).keyId;
}
