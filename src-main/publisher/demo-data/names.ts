// Chinese names for demo people. Surname weights are rough estimates for western Hunan
// (怀化, 湘西), not census figures. Besides the nationally frequent surnames, they favour 滕, 龙,
// 田, 舒, 向, 麻 and 石, which are common among Miao and Tujia families there. Given names use
// characters typical of the person's birth decade and sex.
import { WeightedTable } from './prng.js';
import type { Random } from './prng.js';

export type Sex = 'male' | 'female';

const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['李', 60], ['王', 50], ['张', 48], ['刘', 55], ['陈', 50], ['杨', 62], ['黄', 36],
  ['赵', 16], ['吴', 30], ['周', 32], ['彭', 30], ['向', 34], ['滕', 26], ['龙', 34],
  ['田', 32], ['舒', 22], ['谭', 24], ['胡', 22], ['唐', 24], ['邓', 18], ['蒋', 14],
  ['曾', 14], ['罗', 22], ['石', 24], ['姚', 10], ['麻', 10], ['符', 8], ['宋', 10],
  ['易', 10], ['覃', 8], ['瞿', 6], ['粟', 6], ['梁', 10], ['郑', 8], ['谢', 12],
  ['邹', 8], ['肖', 14], ['钟', 8], ['贺', 8], ['熊', 10], ['侯', 6], ['雷', 8],
  ['姜', 6], ['鲁', 6], ['戴', 6], ['全', 4], ['米', 4], ['欧阳', 4],
];

// Characters for given names, split by sex and by birth before 1975, 1975-1994 and from 1995.
const GIVEN_NAME_CHARACTERS: Record<Sex, readonly [string, string, string]> = {
  male: [
    '国建明福贵德清林生发富云昌华忠万开元金山水先道友光正庆春和成秋寿长志',
    '军伟勇强斌平波涛兵辉刚磊亮峰杰文武红海鹏飞东超剑松立新永',
    '浩宇俊杰轩涛鹏晨博睿子梓一文天泽宸皓然航铭阳鑫豪奕嘉瑞凯乐',
  ],
  female: [
    '秀英兰桂凤珍芳翠香梅玉娥菊花莲春云金银玲荣淑贞爱妹满仙彩',
    '丽娟敏艳霞燕红琴萍慧静晶丹芬莉蓉琳华颖琼婷娜玲洁',
    '欣雨婷佳怡思诗涵琪萱妍雪梦语可馨悦瑶蕾嘉彤璐若曦心',
  ],
};

const SURNAMES = new WeightedTable(
  SURNAME_WEIGHTS.map(([value, weight]) => ({ value, weight })),
);

function eraOf(birthYear: number): 0 | 1 | 2 {
  if (birthYear < 1975) return 0;
  if (birthYear < 1995) return 1;
  return 2;
}

export function drawSurname(random: Random): string {
  return SURNAMES.draw(random);
}

/** Draws a given name of one character (about one in five) or two characters. */
export function drawGivenName(random: Random, sex: Sex, birthYear: number): string {
  const characters = GIVEN_NAME_CHARACTERS[sex][eraOf(birthYear)];
  const first = characters[random.int(0, characters.length - 1)]!;
  if (random.chance(0.2)) return first;

  let second = characters[random.int(0, characters.length - 1)]!;
  // Doubled characters (丽丽, 军军) exist but are rare among registered names.
  if (second === first && random.chance(0.8)) {
    second = characters[(characters.indexOf(first) + 1) % characters.length]!;
  }
  return first + second;
}
