// Pinyin initials of real region names, read from the 2023 statistical division codes of Hunan.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_INITIALS_SPELLINGS, regionInitials } from '../../src-main/publisher/region-initials.js';

const FIXTURES = '/work/shared/fixtures/regions';

/** Reads code -> name from one fixture file (code,name,parent_code,level; names have no commas). */
function readNames(file: string): Map<string, string> {
  const lines = readFileSync(`${FIXTURES}/${file}`, 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((line) => {
    const [code, name] = line.split(',');
    return [code!, name!];
  }));
}

const villages = readNames('hunan-villages-2023.csv');
const townships = readNames('hunan-to-township-2023.csv');

function spellingsOf(name: string): string[] {
  return regionInitials(name).split(' ');
}

describe('regionInitials', () => {
  it('spells a village without polyphonic characters once', () => {
    const name = villages.get('430522106278');

    expect(name).toBe('张家冲村');
    expect(regionInitials(name!)).toBe('zjcc');
  });

  it('puts the reading in context first', () => {
    const name = townships.get('433124200');

    expect(name).toBe('长乐乡');
    const spellings = spellingsOf(name!);
    expect(spellings[0]).toBe('clx');
    expect(spellings).toContain('zlx');
    expect(spellings).toContain('cyx');
    expect(spellings).toContain('zyx');
  });

  it('reads 朝 as both cháo and zhāo', () => {
    const name = townships.get('430102002');

    expect(name).toBe('朝阳街街道');
    expect(spellingsOf(name!)).toEqual(['cyjjd', 'zyjjd']);
  });

  it('adds the surname reading of 曾', () => {
    const entry = [...villages].find(([, name]) => name === '曾家村');

    expect(entry).toBeDefined();
    expect(spellingsOf(entry![1])).toEqual(['cjc', 'zjc']);
  });

  it('drops the brackets of a name', () => {
    const entry = [...villages].find(([, name]) => name === '塘基上（青山里）村');

    expect(entry).toBeDefined();
    expect(spellingsOf(entry![1])[0]).toBe('tjsqslc');
  });

  it('keeps both 村 of a committee name', () => {
    const entry = [...villages].find(([, name]) => name === '楠木村村');

    expect(entry).toBeDefined();
    expect(regionInitials(entry![1])).toBe('nmcc');
  });

  it('keeps digits and lower-cases Latin letters', () => {
    expect(regionInitials('第1组')).toBe('d1z');
    expect(spellingsOf('A区')[0]).toBe('aq');
  });

  it('drops a character without a reading', () => {
    const entry = [...villages].find(([, name]) => name === '㴩湖社区');

    expect(entry).toBeDefined();
    expect(spellingsOf(entry![1])[0]).toBe('hsq');
  });

  it('reads full-width digits as ASCII', () => {
    expect(regionInitials('第１组')).toBe('d1z');
  });

  it('returns an empty string for punctuation only', () => {
    expect(regionInitials('（）')).toBe('');
  });

  it('bounds the spellings of every Hunan name', () => {
    let polyphonicNames = 0;

    for (const name of [...townships.values(), ...villages.values()]) {
      const spellings = spellingsOf(name);
      expect(spellings.length, name).toBeGreaterThanOrEqual(1);
      expect(spellings.length, name).toBeLessThanOrEqual(MAX_INITIALS_SPELLINGS);
      expect(new Set(spellings).size, name).toBe(spellings.length);
      for (const spelling of spellings) expect(spelling, name).toMatch(/^[a-z0-9]+$/);
      if (spellings.length > 1) polyphonicNames += 1;
    }

    // Characters such as 长, 乐, 朝 and 行 are common in place names.
    expect(polyphonicNames).toBeGreaterThan(1000);
  });
});
