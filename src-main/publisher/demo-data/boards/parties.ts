// Names of the organisations and people that appear on the boards: suppliers, lessees, debtors,
// village committees. Every person is generated from the same name tables as the households.
import { drawGivenName, drawSurname } from '../names.js';
import type { Sex } from '../names.js';
import type { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';

const COMPANY_WORDS = [
  '鑫达', '宏远', '辰龙', '锦江', '湘顺', '盛源', '华诚', '永兴', '恒泰', '金桥', '德润', '通达',
  '广隆', '新锐', '裕丰', '天成', '博远', '安泰', '楚峰', '武陵', '沅水', '兴旺', '众合', '瑞祥',
];

export const SUPPLIER_TRADES = {
  construction: ['建设工程有限公司', '建筑工程有限公司', '市政工程有限公司', '建筑劳务有限公司'],
  water: ['水利水电工程有限公司', '水电建设有限公司', '环保科技有限公司'],
  farming: ['农业开发有限公司', '生态农业有限公司', '种植专业合作社', '农林科技有限公司'],
  trade: ['商贸有限公司', '建材经营部', '电力安装有限公司', '物业服务有限公司'],
} as const;
export type SupplierTrade = keyof typeof SUPPLIER_TRADES;

/** Returns the short form of a county name, as local company names use it: 麻阳苗族自治县 -> 麻阳. Only the
 * ethnic groups of Hunan's autonomous counties are listed. */
export function shortCountyName(county: RegionRow): string {
  return county.name.replace(/(?:苗族|侗族|瑶族|土家族|白族|回族)+自治县$|县$|市$|区$/u, '') || county.name;
}

/** Draws a company name registered in the prefecture, the county or the province. */
export function drawCompanyName(random: Random, trade: SupplierTrade, places: readonly string[]): string {
  return random.pick(places) + random.pick(COMPANY_WORDS) + random.pick(SUPPLIER_TRADES[trade]);
}

/** Draws the full name of an adult born between 1960 and 1995. */
export function drawPersonName(random: Random): string {
  const sex: Sex = random.chance(0.7) ? 'male' : 'female';
  return drawSurname(random) + drawGivenName(random, sex, random.int(1960, 1995));
}

/** Returns the village (or community) committee of a village-level unit. */
export function committeeOf(village: RegionRow): string {
  return village.name.endsWith('社区') ? `${village.name}居民委员会` : `${village.name}村民委员会`;
}

/** Draws a count with the given mean from a Poisson distribution (Knuth's method, small means). */
export function drawCount(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + (random.next() + random.next() + random.next() - 1.5) * Math.sqrt(mean) * 2));

  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}
