// Paths of the reference files the product ships in resources/reference/. They are found
// relative to this module, not the working directory, so `minsheng demo-data` works from any
// folder. The module runs from src-main/ under tsx and vitest and from dist/main/src-main/
// once compiled, so the search walks up until it finds the resources folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_REGIONS_FILE = 'mayang-luxi-2023.csv';
export const DEFAULT_ITEMS_FILE = 'subsidy-items.csv';

// Deep enough for dist/main/src-main/publisher/demo-data/ (5 levels below the package root).
const MAX_LEVELS_UP = 8;

/** Returns the absolute path of a shipped reference file, or null when it cannot be found. */
export function shippedReferencePath(fileName: string): string | null {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level += 1) {
    const candidate = path.join(folder, 'resources', 'reference', fileName);
    if (existsSync(candidate)) return candidate;

    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return null;
}
