// Finds the village code of regions.csv for a township and village as departments write them:
// "红岩村", "红岩村委会", "红岩村民委员会", "红岩" for a village, "城北社区", "城北社区居委会" for a
// community, "锦和镇" or "锦和镇人民政府" for a township. The township decides between two villages
// of the same name. Results are cached per distinct pair, because a million-row export
// names a few hundred villages.
import type { RegionRow } from '../validate-regions.js';
import type { Message } from './check-types.js';
import { nameKey } from './name-key.js';

// Longest suffixes first, so "村民委员会" is not read as "村" plus a name ending in "民委员会".
const VILLAGE_SUFFIXES = ['社区居民委员会', '社区居委会', '村民委员会', '居民委员会', '村委会', '居委会', '社区', '村'];
const TOWNSHIP_SUFFIXES = ['街道办事处', '人民政府', '街道', '镇', '乡'];

// The office names a department writes for a place, each with the place it stands for: the
// committee of 岩门村 is "岩门村委会", of 岩门社区 "岩门社区居委会" or "岩门居委会".
const OFFICE_SUFFIXES: readonly [string, string][] = [
  ['社区居民委员会', '社区'],
  ['社区居委会', '社区'],
  ['村民委员会', '村'],
  ['居民委员会', '社区'],
  ['村委会', '村'],
  ['居委会', '社区'],
];

/** Returns the place name an office name stands for: "岩门村委会" becomes "岩门村"; other names stay. */
function placeOfOffice(key: string): string {
  for (const [office, place] of OFFICE_SUFFIXES) {
    if (key.length > office.length && key.endsWith(office)) return key.slice(0, -office.length) + place;
  }
  return key;
}

/** Strips an office suffix only: "新营村村委会" becomes "新营村"; other names stay. */
function withoutOffice(key: string): string {
  for (const [office] of OFFICE_SUFFIXES) {
    if (key.length > office.length && key.endsWith(office)) return key.slice(0, -office.length);
  }
  return key;
}

/** Strips one office or place suffix; "兰村村委会" becomes "兰村". */
function baseName(key: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (key.length > suffix.length && key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}

/** Strips "人民政府" then the place suffix: "锦和镇人民政府" becomes "锦和". */
function townshipBase(key: string): string {
  return baseName(baseName(key, ['人民政府', '街道办事处']), TOWNSHIP_SUFFIXES);
}

export type RegionMatch = { ok: true; villageCode: string } | { ok: false; message: Message };

function addTo(index: Map<string, RegionRow[]>, key: string, region: RegionRow): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [region]);
  else if (!list.includes(region)) list.push(region);
}

export class RegionNames {
  private readonly villagesByName = new Map<string, RegionRow[]>();
  private readonly villagesByBase = new Map<string, RegionRow[]>();
  private readonly townshipsByBase = new Map<string, RegionRow[]>();
  private readonly cache = new Map<string, RegionMatch>();

  constructor(private readonly regions: ReadonlyMap<string, RegionRow>) {
    for (const region of regions.values()) {
      const key = nameKey(region.name);
      if (region.level === 'village') {
        addTo(this.villagesByName, key, region);
        addTo(this.villagesByBase, baseName(key, VILLAGE_SUFFIXES), region);
      } else if (region.level === 'township') addTo(this.townshipsByBase, townshipBase(key), region);
    }
  }

  /** Resolves a village name, with the township name when the row has one. */
  resolve(township: string | null, village: string): RegionMatch {
    const cacheKey = `${township ?? ''}\u0000${village}`;
    let match = this.cache.get(cacheKey);
    if (match === undefined) {
      match = this.lookUp(township, village);
      this.cache.set(cacheKey, match);
    }
    return match;
  }

  /**
   * Returns the village's name in regions.csv, with its township's name when another village has
   * the same name, or the name as written when it does not resolve. Rows that write one village in
   * different ways so get one label.
   */
  villageLabel(township: string | null, village: string): string {
    const match = this.resolve(township, village);
    if (!match.ok) return village;
    const region = this.regions.get(match.villageCode)!;
    const namesakes = this.villagesByName.get(nameKey(region.name))?.length ?? 1;
    return namesakes > 1 ? `${this.townshipName(region.parentCode)}${region.name}` : region.name;
  }

  private villageCandidates(village: string): RegionRow[] {
    const key = nameKey(village);
    // The exact name first; then the place an office name stands for ("岩门村委会" for 岩门村, not
    // 岩门社区); then the full name before an office suffix ("新营村村委会" for 新营村); then the
    // name as a bare stem ("红岩" for 红岩村); then its own stem.
    return (
      this.villagesByName.get(key) ??
      this.villagesByName.get(placeOfOffice(key)) ??
      this.villagesByName.get(withoutOffice(key)) ??
      this.villagesByBase.get(key) ??
      this.villagesByBase.get(baseName(key, VILLAGE_SUFFIXES)) ??
      []
    );
  }

  private townshipName(code: string | null): string {
    return code === null ? '' : (this.regions.get(code)?.name ?? code);
  }

  private lookUp(township: string | null, village: string): RegionMatch {
    const candidates = this.villageCandidates(village);
    if (candidates.length === 0) return failure('unknownVillage', { village });

    let inTownship = candidates;
    if (township !== null && township !== '') {
      const townships = this.townshipsByBase.get(townshipBase(nameKey(township))) ?? [];
      if (townships.length === 0) return failure('unknownTownship', { township, village });
      inTownship = candidates.filter((region) => townships.some((found) => found.code === region.parentCode));
      if (inTownship.length === 0) {
        const townshipsOfVillage = candidates.map((region) => this.townshipName(region.parentCode)).join('、');
        return failure('villageNotInTownship', { township, village, townships: townshipsOfVillage });
      }
    }
    if (inTownship.length > 1) {
      const choices = inTownship.map((region) => `${this.townshipName(region.parentCode)} ${region.name} ${region.code}`).join('、');
      return failure('ambiguousVillage', { village, choices });
    }
    return { ok: true, villageCode: inTownship[0]!.code };
  }
}

function failure(name: string, params: Record<string, string>): RegionMatch {
  return { ok: false, message: { key: `check:standardise.${name}`, params } };
}
