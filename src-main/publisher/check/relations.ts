// The relation to the head of household (与户主关系) as departments write it, mapped to the
// groups of GB/T 4761-2008 that persons.csv accepts (standard.ts RELATIONS).
import { RELATIONS } from '../standard.js';
import { nameKey } from './name-key.js';

type Relation = (typeof RELATIONS)[number];

const ALIASES: Record<string, Relation> = {
  本人: '户主',
  户主本人: '户主',
  妻: '配偶',
  妻子: '配偶',
  夫: '配偶',
  丈夫: '配偶',
  子: '子女',
  女: '子女',
  儿子: '子女',
  女儿: '子女',
  长子: '子女',
  次子: '子女',
  三子: '子女',
  长女: '子女',
  次女: '子女',
  三女: '子女',
  之子: '子女',
  之女: '子女',
  独生子: '子女',
  独生女: '子女',
  养子: '子女',
  养女: '子女',
  继子: '子女',
  继女: '子女',
  媳: '儿媳',
  孙子: '孙子女',
  孙女: '孙子女',
  外孙子: '孙子女',
  外孙女: '孙子女',
  父亲: '父母',
  母亲: '父母',
  父: '父母',
  母: '父母',
  公公: '公婆',
  婆婆: '公婆',
  岳父: '岳父母',
  岳母: '岳父母',
  祖父: '祖父母',
  祖母: '祖父母',
  外祖父: '祖父母',
  外祖母: '祖父母',
  兄: '兄弟姐妹',
  弟: '兄弟姐妹',
  姐: '兄弟姐妹',
  妹: '兄弟姐妹',
  哥哥: '兄弟姐妹',
  弟弟: '兄弟姐妹',
  姐姐: '兄弟姐妹',
  妹妹: '兄弟姐妹',
  侄子: '其他',
  侄女: '其他',
  外甥: '其他',
  外甥女: '其他',
  孙媳妇: '其他',
  曾孙子: '其他',
  曾孙女: '其他',
};

const RELATION_SET = new Set<string>(RELATIONS);

/** Returns the standard relation of `text`, or null when it names none. */
export function standardRelation(text: string): Relation | null {
  const key = nameKey(text);
  if (RELATION_SET.has(key)) return key as Relation;
  return ALIASES[key] ?? null;
}

/** The accepted words, for the message of an unknown relation. */
export const RELATION_WORDS = [...RELATIONS].join('、');
