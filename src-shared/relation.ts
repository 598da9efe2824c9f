// Relations to the head of household, as the Chinese terms the data standard accepts, with the
// catalog key each is shown under. Values outside this list are data and are shown unchanged.

export const RELATION_KEYS: Readonly<Record<string, string>> = {
  户主: 'head',
  配偶: 'spouse',
  子女: 'child',
  儿媳: 'daughterInLaw',
  女婿: 'sonInLaw',
  孙子女: 'grandchild',
  父母: 'parent',
  公婆: 'husbandsParent',
  岳父母: 'wifesParent',
  祖父母: 'grandparent',
  兄弟姐妹: 'sibling',
  其他: 'other',
};
