// Relations to the head of household arrive as the Chinese terms of the county's data
// (GB/T 4761-2008 major groups, as the publisher accepts them). The known ones are shown through
// the catalog so English screens read in English; anything else is data and is shown as it came.
import type { TFunction } from 'i18next';

/** Returns the screen text for a relation value, or the value itself when it is not a known term. */
export function relationLabel(t: TFunction, relation: string): string {
  // Literal keys, so the catalog test can see each one.
  switch (relation) {
    case '户主':
      return t('relation.head');
    case '配偶':
      return t('relation.spouse');
    case '子女':
      return t('relation.child');
    case '儿媳':
      return t('relation.daughterInLaw');
    case '女婿':
      return t('relation.sonInLaw');
    case '孙子女':
      return t('relation.grandchild');
    case '父母':
      return t('relation.parent');
    case '公婆':
      return t('relation.husbandsParent');
    case '岳父母':
      return t('relation.wifesParent');
    case '祖父母':
      return t('relation.grandparent');
    case '兄弟姐妹':
      return t('relation.sibling');
    case '其他':
      return t('relation.other');
    default:
      return relation;
  }
}
