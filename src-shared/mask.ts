// Names on public lists are masked: the first and last characters stay, the rest become "*"
// (张三丰 -> 张*丰, 张三 -> 张*, 欧阳娜娜 -> 欧**娜). A one-character name would stay whole
// that way, so it becomes a single "*".

export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  if (characters.length === 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return characters[0] + '*'.repeat(characters.length - 2) + characters[characters.length - 1];
}
