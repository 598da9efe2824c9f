// Finding the bundle folder on mounted media, on folders that stand in for /media, /run/media
// and /mnt under a temp dir.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource } from '../../src-main/core/sync/create-source.js';
import { parseSourceValue, SourceError, UnsupportedSourceError } from '../../src-main/core/sync/source.js';
import { createDirSource } from '../../src-main/core/sync/dir-source.js';
import { findUsbBundleFolder, UsbNotRegularError } from '../../src-main/core/sync/usb-source.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: { dir: string; remove(): void };
let roots: string[];

beforeEach(() => {
  temp = makeTempDir('minsheng-usb-');
  roots = ['media', 'run-media', 'mnt'].map((name) => path.join(temp.dir, name));
  for (const root of roots) mkdirSync(root);
});

afterEach(() => temp.remove());

/** Puts a bundle folder with a manifest on a "medium" mounted at mount; returns the folder. */
function placeBundle(mount: string, regionCode: string): string {
  const folder = path.join(mount, 'minsheng-bundles', regionCode);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'manifest.json'), '{}');
  return folder;
}

function errorOf(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('findUsbBundleFolder on a hostile stick', () => {
  function secretFile(): string {
    const secret = path.join(temp.dir, 'secret');
    writeFileSync(secret, 'root:*:20200:0:99999:7:::');
    return secret;
  }

  it.each([
    ['a manifest that is a symbolic link', (folder: string) => symlinkSync(secretFile(), path.join(folder, 'manifest.json')), 'a symbolic link'],
    ['a manifest that is a named pipe', (folder: string) => execFileSync('mkfifo', [path.join(folder, 'manifest.json')]), 'a named pipe'],
    ['a manifest that is a device', (folder: string) => symlinkSync('/dev/zero', path.join(folder, 'manifest.json')), 'a symbolic link'],
    ['a manifest that is a folder', (folder: string) => mkdirSync(path.join(folder, 'manifest.json')), 'a folder'],
  ])('rejects %s', (_case, place, type) => {
    const folder = path.join(roots[0]!, 'STICK', 'minsheng-bundles', '430121');
    mkdirSync(folder, { recursive: true });
    place(folder);
    const error = errorOf(() => findUsbBundleFolder({ regionCode: '430121', roots }));

    expect(error).toBeInstanceOf(UsbNotRegularError);
    expect((error as UsbNotRegularError).type).toBe(type);
    expect(error.message).toContain(path.join(folder, 'manifest.json'));
    expect(error.message).not.toContain('root:');
  });

  it('rejects a region folder that is a symbolic link', () => {
    const real = placeBundle(path.join(temp.dir, 'elsewhere'), '430121');
    const bundles = path.join(roots[0]!, 'STICK', 'minsheng-bundles');
    mkdirSync(bundles, { recursive: true });
    symlinkSync(real, path.join(bundles, '430121'));

    expect(errorOf(() => findUsbBundleFolder({ regionCode: '430121', roots }))).toBeInstanceOf(UsbNotRegularError);
  });

  it('prefers a real bundle to a linked one', () => {
    const linked = path.join(roots[0]!, 'A', 'minsheng-bundles', '430121');
    mkdirSync(linked, { recursive: true });
    symlinkSync(secretFile(), path.join(linked, 'manifest.json'));
    const folder = placeBundle(path.join(roots[0]!, 'B'), '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots })).toBe(folder);
  });

  it('does not read a bundle file that is a symbolic link', async () => {
    const folder = placeBundle(path.join(roots[0]!, 'STICK'), '430121');
    rmSync(path.join(folder, 'manifest.json'));
    symlinkSync(secretFile(), path.join(folder, 'manifest.json'));

    await expect(createDirSource(folder).readFile('manifest.json', 1024)).rejects.toThrow(/is a symbolic link/);
  });
});

describe('findUsbBundleFolder', () => {
  it('finds a stick two levels down', () => {
    const folder = placeBundle(path.join(roots[0]!, 'kiosk', 'COUNTY-USB'), '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots })).toBe(folder);
  });

  it('finds a stick mounted at a root itself', () => {
    const folder = placeBundle(roots[2]!, '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots })).toBe(folder);
  });

  it('finds a stick one level down', () => {
    const folder = placeBundle(path.join(roots[2]!, 'usb'), '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots })).toBe(folder);
  });

  it('ignores a stick three levels down', () => {
    placeBundle(path.join(roots[0]!, 'a', 'b', 'c'), '430121');

    expect(errorOf(() => findUsbBundleFolder({ regionCode: '430121', roots })).kind).toBe('not-found');
  });

  it('ignores another region and a folder without manifest', () => {
    placeBundle(path.join(roots[1]!, 'kiosk', 'STICK'), '430102');
    mkdirSync(path.join(roots[0]!, 'kiosk', 'EMPTY', 'minsheng-bundles', '430121'), { recursive: true });

    const error = errorOf(() => findUsbBundleFolder({ regionCode: '430121', roots }));
    expect(error.kind).toBe('not-found');
  });

  it('names the roots and the folder when none is found', () => {
    const error = errorOf(() => findUsbBundleFolder({ regionCode: '430121', roots }));

    expect(error.kind).toBe('not-found');
    for (const root of roots) expect(error.message).toContain(root);
    expect(error.message).toContain(path.join('minsheng-bundles', '430121', 'manifest.json'));
    expect(error.translation?.key).toBe('sync:source.usbNotFound');
    expect(error.translation?.values.roots).toBe(roots.join(', '));
  });

  it('skips roots that do not exist', () => {
    const folder = placeBundle(path.join(roots[1]!, 'kiosk', 'STICK'), '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots: [path.join(temp.dir, 'absent'), ...roots] })).toBe(folder);
  });

  it('reads the only region without a code', () => {
    const folder = placeBundle(path.join(roots[0]!, 'kiosk', 'STICK'), '430121');

    expect(findUsbBundleFolder({ roots })).toBe(folder);
  });

  it('rejects several regions without a code', () => {
    placeBundle(path.join(roots[0]!, 'kiosk', 'STICK'), '430121');
    placeBundle(path.join(roots[0]!, 'kiosk', 'STICK'), '430102');

    const error = errorOf(() => findUsbBundleFolder({ roots }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('430102, 430121');
    expect(error.translation?.key).toBe('sync:source.usbManyRegions');
  });

  it('takes the first of two sticks', () => {
    const first = placeBundle(path.join(roots[0]!, 'kiosk', 'A'), '430121');
    placeBundle(path.join(roots[0]!, 'kiosk', 'B'), '430121');

    expect(findUsbBundleFolder({ regionCode: '430121', roots })).toBe(first);
  });
});

describe('createSource', () => {
  it('reads the usb bundle folder', async () => {
    const folder = placeBundle(path.join(roots[0]!, 'kiosk', 'STICK'), '430121');
    writeFileSync(path.join(folder, 'manifest.json'), '{"version":1}');
    const source = createSource('usb', { regionCode: '430121', usbRoots: roots });

    expect(source.location).toBe(folder);
    expect((await source.readFile('manifest.json', 100)).toString()).toBe('{"version":1}');
  });

  it('throws not-found for usb without a stick', () => {
    expect(errorOf(() => createSource('usb', { regionCode: '430121', usbRoots: roots })).kind).toBe('not-found');
  });

  it('builds URL and folder sources', () => {
    expect(createSource('http://127.0.0.1:9/bundles', {}).location).toBe('http://127.0.0.1:9/bundles/');
    expect(createSource(temp.dir, {}).location).toBe(temp.dir);
  });

  it('rejects an ftp URL', () => {
    expect(() => createSource('ftp://host/bundles', {})).toThrow(UnsupportedSourceError);
  });
});

describe('parseSourceValue', () => {
  it('accepts usb in any case', () => {
    expect(parseSourceValue('usb')).toEqual({ kind: 'usb' });
    expect(parseSourceValue('USB')).toEqual({ kind: 'usb' });
  });

  it('reads ./usb as a folder', () => {
    expect(parseSourceValue('./usb')).toEqual({ kind: 'folder', folder: './usb' });
  });
});
