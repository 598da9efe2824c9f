// Reads the renderer's memory through the Chrome DevTools Protocol: a V8 heap snapshot taken
// after a full garbage collection, searched for strings, and the DOM nodes that scripts still
// reference after they left the document. A string found in the heap is still reachable from the
// page, and `retainerPath` names the objects that reference it.
// NOTE: V8 writes at most the first 1,024 characters of each string into a snapshot (its flag
// --heap-snapshot-string-limit), so a trace further inside a longer string is not found.
import type { Page } from '@playwright/test';

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

// Longer texts are not searched beyond this many characters when a concatenated string is joined
// from its parts, which bounds the work on a heap full of long cons strings.
const MAX_JOINED_LENGTH = 100_000;

/** A parsed heap snapshot with the text of every string in the heap. */
export class HeapSnapshot {
  private readonly nodeFieldCount: number;
  private readonly edgeFieldCount: number;
  private readonly typeOffset: number;
  private readonly nameOffset: number;
  private readonly edgeCountOffset: number;
  private readonly edgeTypeOffset: number;
  private readonly edgeNameOffset: number;
  private readonly edgeToOffset: number;
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  // First edge of each node, by node ordinal, so edges can be read without a scan.
  private readonly firstEdge: Uint32Array;
  private readonly joined = new Map<number, string>();

  constructor(private readonly raw: RawSnapshot) {
    const meta = raw.snapshot.meta;
    this.nodeFieldCount = meta.node_fields.length;
    this.edgeFieldCount = meta.edge_fields.length;
    this.typeOffset = meta.node_fields.indexOf('type');
    this.nameOffset = meta.node_fields.indexOf('name');
    this.edgeCountOffset = meta.node_fields.indexOf('edge_count');
    this.edgeTypeOffset = meta.edge_fields.indexOf('type');
    this.edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
    this.edgeToOffset = meta.edge_fields.indexOf('to_node');
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];

    const nodeCount = raw.nodes.length / this.nodeFieldCount;
    this.firstEdge = new Uint32Array(nodeCount + 1);
    for (let ordinal = 0; ordinal < nodeCount; ordinal += 1) {
      const edgeCount = raw.nodes[ordinal * this.nodeFieldCount + this.edgeCountOffset]!;
      this.firstEdge[ordinal + 1] = this.firstEdge[ordinal]! + edgeCount * this.edgeFieldCount;
    }
  }

  get nodeCount(): number {
    return this.raw.nodes.length / this.nodeFieldCount;
  }

  private nodeType(ordinal: number): string {
    return this.nodeTypes[this.raw.nodes[ordinal * this.nodeFieldCount + this.typeOffset]!]!;
  }

  private nodeName(ordinal: number): string {
    return this.raw.strings[this.raw.nodes[ordinal * this.nodeFieldCount + this.nameOffset]!]!;
  }

  private *edgesOf(ordinal: number): Generator<{ type: string; name: string; to: number }> {
    for (let edge = this.firstEdge[ordinal]!; edge < this.firstEdge[ordinal + 1]!; edge += this.edgeFieldCount) {
      const type = this.edgeTypes[this.raw.edges[edge + this.edgeTypeOffset]!]!;
      const nameOrIndex = this.raw.edges[edge + this.edgeNameOffset]!;
      // Element and hidden edges carry an index; the others a position in the strings table.
      const name = type === 'element' || type === 'hidden' ? String(nameOrIndex) : this.raw.strings[nameOrIndex]!;
      yield { type, name, to: this.raw.edges[edge + this.edgeToOffset]! / this.nodeFieldCount };
    }
  }

  /**
   * Returns a string node's text. V8 names a concatenated string "(concatenated string)" and
   * keeps its text in its parts, so those are joined here: a number typed key by key lives in
   * such a string.
   */
  private textOf(ordinal: number): string {
    const type = this.nodeType(ordinal);
    if (type === 'string') return this.nodeName(ordinal);
    if (type === 'sliced string') {
      for (const edge of this.edgesOf(ordinal)) if (edge.name === 'parent') return this.textOf(edge.to);
      return '';
    }
    if (type !== 'concatenated string') return '';

    const cached = this.joined.get(ordinal);
    if (cached !== undefined) return cached;
    let first = '';
    let second = '';
    for (const edge of this.edgesOf(ordinal)) {
      if (edge.name === 'first') first = this.textOf(edge.to);
      else if (edge.name === 'second') second = this.textOf(edge.to);
    }
    const text = (first + second).slice(0, MAX_JOINED_LENGTH);
    this.joined.set(ordinal, text);
    return text;
  }

  /** Returns the ordinals of the string nodes whose text contains `needle`. */
  findStrings(needle: string): number[] {
    const found: number[] = [];
    for (let ordinal = 0; ordinal < this.nodeCount; ordinal += 1) {
      const type = this.nodeType(ordinal);
      if (type !== 'string' && type !== 'concatenated string' && type !== 'sliced string') continue;
      if (this.textOf(ordinal).includes(needle)) found.push(ordinal);
    }
    return found;
  }

  /** True when the name of a property anywhere in the heap contains `needle`. */
  hasEdgeNamed(needle: string): boolean {
    for (let ordinal = 0; ordinal < this.nodeCount; ordinal += 1) {
      for (const edge of this.edgesOf(ordinal)) {
        if (edge.type === 'property' && edge.name.includes(needle)) return true;
      }
    }
    return false;
  }

  /**
   * Describes the shortest chain of strong references from a GC root to a node, such as
   * "(root) -[element 1]-> synthetic (GC roots) … -[property household]-> object Object", for a
   * failure message that names what still references a string.
   */
  retainerPath(target: number): string {
    const retainers = new Map<number, { from: number; edge: string }>();
    const queue = [0];
    retainers.set(0, { from: -1, edge: '' });

    // Breadth first from the synthetic root (ordinal 0) over strong edges.
    while (queue.length > 0) {
      const ordinal = queue.shift()!;
      if (ordinal === target) break;
      for (const edge of this.edgesOf(ordinal)) {
        if (edge.type === 'weak' || retainers.has(edge.to)) continue;
        retainers.set(edge.to, { from: ordinal, edge: `${edge.type} ${edge.name}` });
        queue.push(edge.to);
      }
    }
    if (!retainers.has(target)) return '(no strong path from a root)';

    const steps: string[] = [];
    for (let ordinal = target; ordinal > 0; ordinal = retainers.get(ordinal)!.from) {
      const step = retainers.get(ordinal)!;
      steps.unshift(`-[${step.edge}]-> ${this.nodeType(ordinal)} ${this.nodeName(ordinal).slice(0, 60)}`);
    }
    return `(root) ${steps.join(' ')}`;
  }

  /** Lists each needle found in the heap with one retainer path, for an assertion message. */
  describeSurvivors(needles: Record<string, string>): Record<string, string> {
    const survivors: Record<string, string> = {};
    for (const [label, needle] of Object.entries(needles)) {
      const found = this.findStrings(needle);
      if (found.length > 0) survivors[label] = `${found.length} string(s); first held by ${this.retainerPath(found[0]!)}`;
      else if (this.hasEdgeNamed(needle)) survivors[label] = 'a property name';
    }
    return survivors;
  }
}

/** Takes a heap snapshot of the page's main JavaScript heap after a full garbage collection. */
export async function takeHeapSnapshot(page: Page): Promise<HeapSnapshot> {
  const session = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await session.detach();
  }
  return new HeapSnapshot(JSON.parse(chunks.join('')) as RawSnapshot);
}

/** The fields of a CDP DOM.Node that can carry page text. */
interface DomNode {
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function nodeTexts(node: DomNode, texts: string[]): void {
  if (node.nodeValue) texts.push(node.nodeValue);
  texts.push(...(node.attributes ?? []));
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) nodeTexts(child, texts);
}

/**
 * Returns the text and attribute values of every detached DOM node that is still alive after a
 * full garbage collection. Blink keeps a node's text outside the JavaScript heap, so a heap
 * snapshot alone would miss a detached node that some script still references.
 */
export async function readDetachedDom(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  const texts: string[] = [];
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    await session.send('DOM.enable');
    const { detachedNodes } = await session.send('DOM.getDetachedDomNodes');
    for (const detached of detachedNodes) nodeTexts(detached.treeNode, texts);
  } finally {
    await session.detach();
  }
  return texts;
}
