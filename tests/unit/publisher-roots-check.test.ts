// Publish refuses a root chain that terminals would refuse, before any work is written.
import { describe, expect, it } from 'vitest';
import { checkRootChainForPublish } from '../../src-main/publisher/roots-check.js';
import type { RootChain } from '../../src-main/publisher/roots-copy.js';
import type { RootMetadata } from '../../src-main/core/trust/root-schema.js';
import { buildRoot } from '../helpers/conformance.js';
import { makeTestKeys } from '../helpers/make-bundle.js';

const COUNTY = '431226';
const rootKey = makeTestKeys();
const otherRootKey = makeTestKeys();
const publisher = makeTestKeys();
const stranger = makeTestKeys('sm2');

function chainOf(...roots: RootMetadata[]): RootChain {
  return { dir: 'roots', files: roots.map((root) => ({ name: `${root.signed.version}.root.json`, bytes: Buffer.from(JSON.stringify(root)) })) };
}

function codeOf(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'not a PublishError';
  }
}

const root1 = buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [COUNTY]: { keys: [publisher] } }, signers: [rootKey] });

describe('root chain checked before publishing', () => {
  it('accepts a signed chain and publisher key', () => {
    expect(codeOf(() => checkRootChainForPublish(chainOf(root1), COUNTY, [publisher.keyId], new Date()))).toBeNull();
  });

  it('rejects an unsigned first version', () => {
    const unsigned = buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [COUNTY]: { keys: [publisher] } }, signers: [] });
    expect(codeOf(() => checkRootChainForPublish(chainOf(unsigned), COUNTY, [publisher.keyId], new Date()))).toBe('rootUnsigned');
  });

  it('rejects a rotation without the old keys', () => {
    const root2 = buildRoot({ version: 2, rootKeys: [otherRootKey], publishers: { [COUNTY]: { keys: [publisher] } }, signers: [otherRootKey] });
    expect(codeOf(() => checkRootChainForPublish(chainOf(root1, root2), COUNTY, [publisher.keyId], new Date()))).toBe('rootUnsigned');
  });

  it('rejects an expired newest root', () => {
    const later = new Date(Date.parse(root1.signed.expiresAt) + 1000);
    expect(codeOf(() => checkRootChainForPublish(chainOf(root1), COUNTY, [publisher.keyId], later))).toBe('rootExpired');
  });

  it('rejects a county the root omits', () => {
    expect(codeOf(() => checkRootChainForPublish(chainOf(root1), '430121', [publisher.keyId], new Date()))).toBe('rootNoCounty');
  });

  it('rejects keys that are not publishers', () => {
    expect(codeOf(() => checkRootChainForPublish(chainOf(root1), COUNTY, [stranger.keyId], new Date()))).toBe('rootKeysNotPublishers');
  });
});
