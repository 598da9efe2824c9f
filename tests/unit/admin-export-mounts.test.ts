// Which mounts the log export counts as USB sticks on Linux: the mount table's file system, and
// the removable flag of the disk under /sys, on a folder tree that stands in for /sys.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRemovableMount, parseMountInfo } from '../../src-main/core/admin/export-logs.js';
import { makeTempDir } from '../helpers/temp.js';

const MOUNT_INFO = [
  '22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
  '40 22 0:35 / /mnt/data rw,relatime shared:20 - tmpfs tmpfs rw,size=8192k',
  '41 22 8:17 / /media/kiosk/COUNTY\\040USB rw,nosuid shared:21 - vfat /dev/sdb1 rw,fmask=0022',
  '42 22 8:33 / /media/kiosk/EXT4STICK rw,nosuid shared:22 - ext4 /dev/sdc1 rw',
  '43 22 8:49 / /mnt/backup rw shared:23 - ext4 /dev/sdd1 rw',
].join('\n');

let temp: ReturnType<typeof makeTempDir>;
let sysRoot: string;

/** Adds a disk with its removable flag and one partition, linked from /sys/dev/block/<major:minor>. */
function addDisk(disk: string, removable: boolean, partitionDevice: string): void {
  const diskFolder = path.join(sysRoot, 'devices', 'pci0000:00', 'usb1', 'block', disk);
  mkdirSync(path.join(diskFolder, `${disk}1`), { recursive: true });
  writeFileSync(path.join(diskFolder, 'removable'), removable ? '1\n' : '0\n');
  symlinkSync(path.join(diskFolder, `${disk}1`), path.join(sysRoot, 'dev', 'block', partitionDevice));
}

beforeEach(() => {
  temp = makeTempDir('minsheng-export-mounts-');
  sysRoot = path.join(temp.dir, 'sys');
  mkdirSync(path.join(sysRoot, 'dev', 'block'), { recursive: true });
  addDisk('sdc', true, '8:33');
  addDisk('sdd', false, '8:49');
});

afterEach(() => temp.remove());

describe('removable mounts', () => {
  const entries = parseMountInfo(MOUNT_INFO);
  const entryAt = (mountPoint: string) => entries.find((entry) => entry.mountPoint === mountPoint)!;

  it('parses mount points with spaces', () => {
    expect(entryAt('/media/kiosk/COUNTY USB')).toEqual({ mountPoint: '/media/kiosk/COUNTY USB', device: '8:17', fileSystem: 'vfat' });
  });

  it.each([
    ['a FAT stick', '/media/kiosk/COUNTY USB', true],
    ['an ext4 stick on a removable disk', '/media/kiosk/EXT4STICK', true],
    ['a tmpfs under /mnt', '/mnt/data', false],
    ['an internal disk under /mnt', '/mnt/backup', false],
  ])('counts %s: %s', (_case, mountPoint, removable) => {
    expect(isRemovableMount(entryAt(mountPoint), sysRoot)).toBe(removable);
  });
});
