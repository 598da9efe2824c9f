// Office names of villages and communities: in 麻阳 the township 岩门镇 has both 岩门村 and 岩门社区,
// and departments write them as their committees, 岩门村委会 and 岩门社区居委会, or put the committee
// after the full name, 新营村村委会.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RegionNames } from '../../src-main/publisher/check/region-names.js';
import { IssueCollector } from '../../src-main/publisher/issues.js';
import { readRegions } from '../../src-main/publisher/validate-regions.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-region-names-');
afterAll(() => temp.remove());

// The rows of 431226's tree that matter here, as the region fixture has them, plus a 新营村 (the
// fixture's is in 兰里镇) under the same township.
const REGIONS = [
  'code,name,parent_code,level',
  '43,湖南省,,province',
  '4312,怀化市,43,city',
  '431226,麻阳苗族自治县,4312,county',
  '431226103,岩门镇,431226,township',
  '431226103001,岩门社区,431226103,village',
  '431226103200,岩门村,431226103,village',
  '431226103201,新营村,431226103,village',
].join('\n');

async function regionNames(): Promise<RegionNames> {
  const dir = path.join(temp.dir, 'regions');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'regions.csv'), REGIONS);
  return new RegionNames(await readRegions(dir, new IssueCollector(10)));
}

describe('RegionNames with a village and a community of one stem', () => {
  it('reads a village committee as the village', async () => {
    const names = await regionNames();

    expect(names.resolve('岩门镇', '岩门村委会')).toEqual({ ok: true, villageCode: '431226103200' });
    expect(names.resolve(null, '岩门村民委员会')).toEqual({ ok: true, villageCode: '431226103200' });
  });

  it('reads a committee written after the full village name', async () => {
    const names = await regionNames();

    expect(names.resolve('岩门镇', '新营村村委会')).toEqual({ ok: true, villageCode: '431226103201' });
    expect(names.resolve('岩门镇', '新营村村民委员会')).toEqual({ ok: true, villageCode: '431226103201' });
    expect(names.resolve('岩门镇', '新营村 村委会')).toEqual({ ok: true, villageCode: '431226103201' });
  });

  it('reads a residents committee as the community', async () => {
    const names = await regionNames();

    expect(names.resolve('岩门镇', '岩门社区居委会')).toEqual({ ok: true, villageCode: '431226103001' });
    expect(names.resolve(null, '岩门居委会')).toEqual({ ok: true, villageCode: '431226103001' });
  });

  it('rejects the bare stem as ambiguous', async () => {
    const names = await regionNames();
    const bare = names.resolve('岩门镇', '岩门');

    expect(bare.ok ? null : bare.message.key).toBe('check:standardise.ambiguousVillage');
  });
});
