// The documents/ folder of a demo delivery: notice bodies, reply and notice texts, embedded
// images, PDF attachments and site photos. Files are collected in memory, because the whole
// folder stays within a few tens of megabytes at county scale, and written at the end into a
// temporary folder that replaces documents/ in one rename.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENTS_FOLDER } from '../../standard-v2/index.js';

export class DocumentFolder {
  private readonly files = new Map<string, Buffer>();

  get count(): number {
    return this.files.size;
  }

  get totalBytes(): number {
    let total = 0;
    for (const bytes of this.files.values()) total += bytes.length;
    return total;
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  /** Adds a file. Names are unique, so a second file with the same name is a generator bug. */
  add(name: string, content: Buffer | string): string {
    if (this.files.has(name)) throw new Error(`document ${name} was generated twice`);
    this.files.set(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    return name;
  }

  /** Writes every file into outDir/documents, replacing a folder from an earlier run. */
  async write(outDir: string): Promise<void> {
    const partial = path.join(outDir, `${DOCUMENTS_FOLDER}.partial`);
    const final = path.join(outDir, DOCUMENTS_FOLDER);
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial);

    const names = [...this.files.keys()].sort();
    for (const name of names) await writeFile(path.join(partial, name), this.files.get(name)!);

    await rm(final, { recursive: true, force: true });
    await rename(partial, final);
  }
}
