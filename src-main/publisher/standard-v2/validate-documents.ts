// The documents/ folder of a version 2 delivery: every file a file_name cell or a Markdown image
// names must be a regular file there, of an accepted kind whose first bytes match its extension,
// within the size limits. Results are cached per file name, so a body that many rows name is read
// once, and only files something refers to are shipped.
import { lstat, open, readdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { compareText } from '../../../src-shared/compare-text.js';
import type { IssueCollector, IssueFileName } from '../issues.js';
import type { DeliveredDocument } from './dataset.js';
import { DOCUMENTS_FOLDER } from './index.js';
import { checkBody } from './validate-bodies.js';
import type { BodyFormat } from './validate-bodies.js';

/** Largest accepted PDF attachment or photo. A kiosk snapshot carries every document. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Largest accepted body file: about 300,000 Chinese characters, far above any notice. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Total size of the shipped documents above which publish warns, and above which it fails. Every
 * terminal downloads the whole snapshot with all its documents, often over a village's mobile
 * link, so a few hundred large scans make every update slow, and a gigabyte rarely arrives at all.
 */
export const WARN_TOTAL_DOCUMENT_BYTES = 100 * 1024 * 1024;
export const MAX_TOTAL_DOCUMENT_BYTES = 1024 * 1024 * 1024;

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

const BODY_FORMATS: Record<string, BodyFormat> = { '.md': 'markdown', '.txt': 'text' };

// Media type each binary extension promises, and the first bytes that prove it.
const BINARY_KINDS: Record<string, { mediaType: string; signature: readonly number[]; label: string }> = {
  '.png': { mediaType: 'image/png', signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], label: 'PNG' },
  '.jpg': { mediaType: 'image/jpeg', signature: [0xff, 0xd8, 0xff], label: 'JPEG' },
  '.jpeg': { mediaType: 'image/jpeg', signature: [0xff, 0xd8, 0xff], label: 'JPEG' },
  '.pdf': { mediaType: 'application/pdf', signature: [0x25, 0x50, 0x44, 0x46, 0x2d], label: 'PDF' },
};

/** Outcome of checking one named file. A failed body has its problems reported under documents/<name>. */
export type DocumentCheck =
  | { ok: true; kind: 'body'; format: BodyFormat; text: string }
  | { ok: true; kind: 'binary'; mediaType: string; size: number }
  | { ok: false; code: string; params: Record<string, string | number> }
  | { ok: false; code: null };

/** Place of a file name in a CSV cell or a body, for the issues about it. */
export interface NamePlace {
  file: IssueFileName;
  line: number;
  column: string | null;
}

export class DocumentFolder {
  readonly dir: string;
  private readonly checked = new Map<string, Promise<DocumentCheck>>();
  /** Names of every file something refers to, valid or not, for the unreferenced-file warning. */
  private readonly named = new Set<string>();
  private readonly shipped = new Map<string, DeliveredDocument & { size: number }>();
  /** Set when a CSV file or body that may name documents could not be read whole. */
  private referencesIncomplete = false;
  private folderState: Promise<'folder' | 'missing' | 'other'> | null = null;
  private folderReported = false;

  constructor(
    dataDir: string,
    private readonly issues: IssueCollector,
  ) {
    this.dir = path.join(dataDir, DOCUMENTS_FOLDER);
  }

  /**
   * Checks that `name`, written at `place`, is a usable file with one of `extensions`. Returns the
   * file's check result, or null after reporting the problem at `place`.
   */
  async use(name: string, extensions: readonly string[], place: NamePlace): Promise<DocumentCheck & { ok: true } | null> {
    const report = (code: string, params: Record<string, string | number> = {}) => {
      this.issues.error(place.file, place.line, place.column, name, code, params);
      return null;
    };

    if (name.includes('/') || name.includes('\\') || name.includes('..') || name === '.') {
      return report('validation-v2:document.invalidName');
    }
    const extension = path.extname(name).toLowerCase();
    if (!extensions.includes(extension)) {
      return report('validation-v2:document.invalidExtension', { allowed: extensions.join(', ') });
    }
    this.named.add(name);

    // A file or link in place of the folder is one problem, reported at the first name only.
    if ((await this.checkFolder()) === 'other') {
      if (this.folderReported) return null;
      this.folderReported = true;
      return report('validation-v2:document.folderNotAFolder', { dir: this.dir });
    }

    let pending = this.checked.get(name);
    if (pending === undefined) {
      pending = this.inspect(name, extension);
      this.checked.set(name, pending);
    }
    const result = await pending;
    if (!result.ok) return result.code === null ? null : report(result.code, result.params);

    if (result.kind === 'binary') {
      this.shipped.set(name, { name, mediaType: result.mediaType, path: path.join(this.dir, name), size: result.size });
    }
    return result;
  }

  /** Files some row or body referred to and that passed every check, by name. */
  deliveredDocuments(): DeliveredDocument[] {
    return [...this.shipped.values()]
      .map(({ name, mediaType, path: filePath }) => ({ name, mediaType, path: filePath }))
      .sort((a, b) => compareText(a.name, b.name));
  }

  /** Reports shipped documents whose total size passes WARN_TOTAL_DOCUMENT_BYTES or MAX_TOTAL_DOCUMENT_BYTES. */
  checkTotalSize(): void {
    let total = 0;
    for (const document of this.shipped.values()) total += document.size;

    const params = { count: this.shipped.size, size: total, sizeMiB: Math.ceil(total / (1024 * 1024)) };
    if (total > MAX_TOTAL_DOCUMENT_BYTES) {
      this.issues.error(`${DOCUMENTS_FOLDER}/`, null, null, null, 'validation-v2:document.totalTooLarge', {
        ...params,
        maxMiB: MAX_TOTAL_DOCUMENT_BYTES / (1024 * 1024),
      });
    } else if (total > WARN_TOTAL_DOCUMENT_BYTES) {
      this.issues.warning(`${DOCUMENTS_FOLDER}/`, null, null, null, 'validation-v2:document.totalLarge', {
        ...params,
        warnMiB: WARN_TOTAL_DOCUMENT_BYTES / (1024 * 1024),
      });
    }
  }

  /** Records that a file which may name documents was not read whole, so its names are unknown. */
  noteIncompleteReferences(): void {
    this.referencesIncomplete = true;
  }

  /**
   * Warns about each file of documents/ that nothing refers to, because it is not shipped. Skipped
   * when a referencing file was not read whole: its unread rows may name any of them.
   */
  async warnUnreferenced(): Promise<void> {
    if (this.referencesIncomplete) return;

    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (!this.named.has(name)) {
        this.issues.warning(`documents/${name}`, null, null, null, 'validation-v2:document.unreferenced');
      }
    }
  }

  private async inspect(name: string, extension: string): Promise<DocumentCheck> {
    const filePath = path.join(this.dir, name);

    let size: number;
    try {
      const stats = await lstat(filePath);
      // lstat, not stat: a link could point outside the folder, and opening a FIFO would block.
      if (!stats.isFile()) return { ok: false, code: 'validation-v2:document.notAFile', params: {} };
      size = stats.size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return this.missing();
      return { ok: false, code: 'validation-v2:document.unreadable', params: { reason: String(code) } };
    }

    if (size === 0) return { ok: false, code: 'validation-v2:document.emptyFile', params: {} };
    const format = BODY_FORMATS[extension];
    const maxBytes = format === undefined ? MAX_DOCUMENT_BYTES : MAX_BODY_BYTES;
    if (size > maxBytes) return { ok: false, code: 'validation-v2:document.tooLarge', params: { size, maxBytes } };

    let bytes: Buffer;
    try {
      bytes = await readStart(filePath, format === undefined ? 8 : size);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      return { ok: false, code: 'validation-v2:document.unreadable', params: { reason } };
    }

    if (format !== undefined) return this.inspectBody(name, bytes, format);

    const kind = BINARY_KINDS[extension]!;
    const matches = kind.signature.every((byte, index) => bytes[index] === byte);
    if (!matches) {
      return { ok: false, code: 'validation-v2:document.signatureMismatch', params: { expected: kind.label, extension } };
    }
    return { ok: true, kind: 'binary', mediaType: kind.mediaType, size };
  }

  private async inspectBody(name: string, bytes: Buffer, format: BodyFormat): Promise<DocumentCheck> {
    const file: IssueFileName = `documents/${name}`;
    const body = checkBody(bytes, format);
    if (!body.ok) {
      for (const problem of body.problems) this.issues.error(file, problem.line, null, problem.value, problem.code, problem.params);
      // A body that could not be decoded may name any document; a rejected body still names its images.
      if (body.problems.some((problem) => problem.code === 'validation-v2:body.notUtf8')) this.noteIncompleteReferences();
      for (const image of body.images) this.named.add(image.target);
      return { ok: false, code: null };
    }

    let imagesOk = true;
    for (const image of body.images) {
      const place = { file, line: image.line, column: null };
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(image.target)) {
        this.issues.error(file, image.line, null, image.target, 'validation-v2:body.imageNotLocal');
        imagesOk = false;
        continue;
      }
      if ((await this.use(image.target, IMAGE_EXTENSIONS, place)) === null) imagesOk = false;
    }
    return imagesOk ? { ok: true, kind: 'body', format, text: body.text } : { ok: false, code: null };
  }

  // lstat, so a link to a folder elsewhere counts as "other": documents must lie inside the delivery.
  private checkFolder(): Promise<'folder' | 'missing' | 'other'> {
    this.folderState ??= lstat(this.dir).then(
      (stats) => (stats.isDirectory() ? 'folder' : 'other'),
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'missing' : 'other'),
    );
    return this.folderState;
  }

  // A missing folder gets its own message, because adding the folder is the fix, not adding one file.
  private async missing(): Promise<DocumentCheck> {
    if ((await this.checkFolder()) === 'missing') {
      return { ok: false, code: 'validation-v2:document.folderMissing', params: { dir: this.dir } };
    }
    return { ok: false, code: 'validation-v2:document.notFound', params: { dir: this.dir } };
  }
}

/** Reads the first `length` bytes of a regular file. */
async function readStart(filePath: string, length: number): Promise<Buffer> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(filePath, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle?.close();
  }
}
