// Seed words for pinyin suggestions, offered whatever the word statistics of the texts
// are: subsidy item names and the heads of project names (长潭村危桥改造工程 -> 危桥改造).
// A villager remembers and types these parts.
import type { SqliteDatabase } from '../store.js';
import type { VocabularyWord } from './suggest-vocabulary.js';

// Longer endings first, so that 建设项目 is removed whole and not only its 项目.
const PROJECT_NAME_ENDINGS = ['建设项目', '建设工程', '改造项目', '工程', '项目', '建设'];
const MIN_HEAD_LENGTH = 2;

/** Reads the seed words of the snapshot, each with the number of item and project rows that contain it. */
export function readSuggestSeeds(snapshot: SqliteDatabase): VocabularyWord[] {
  const counts = new Map<string, number>();
  const add = (word: string): void => {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  };

  for (const { name } of snapshot.prepare('SELECT name FROM subsidy_items').all() as { name: string }[]) add(name);

  const projects = snapshot
    .prepare('SELECT p.name, r.name AS region_name FROM projects p LEFT JOIN regions r ON r.code = p.region_code')
    .all() as { name: string; region_name: string | null }[];
  for (const project of projects) {
    const head = projectNameHead(project.name, project.region_name ?? '');
    if (head) add(head);
  }

  return [...counts].map(([word, count]) => ({ word, count }));
}

/** Removes the region's name before a project name and the generic ending after it. */
export function projectNameHead(name: string, regionName: string): string | undefined {
  let head = name.normalize('NFKC').trim();
  if (regionName !== '' && head.startsWith(regionName)) head = head.slice(regionName.length);

  const ending = PROJECT_NAME_ENDINGS.find((candidate) => head.endsWith(candidate) && head.length - candidate.length >= MIN_HEAD_LENGTH);
  if (ending) head = head.slice(0, -ending.length);

  return head.length >= MIN_HEAD_LENGTH ? head : undefined;
}
