// Renders the tree of parseMarkdown as React elements. Text goes through React, which escapes
// it, so HTML in a notice shows as its literal characters. A link shows its text, followed by
// its address when that is an http address, and is never clickable. Images are delivered
// documents fetched through the API and shown as data: URLs of an image media type only.
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskDocument } from '../../src-shared/boards-api.js';
import { isDocumentName, isReadableWebAddress, MAX_MARKDOWN_CHARS, parseMarkdown } from '../../src-shared/markdown.js';
import type { Block, Inline } from '../../src-shared/markdown.js';

export type LoadDocument = (name: string) => Promise<KioskDocument | null>;

const IMAGE_MEDIA_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Returns a data: URL for an image document, or null for any other media type or bad data. */
export function imageDataUrl(document: KioskDocument): string | null {
  if (!IMAGE_MEDIA_TYPES.has(document.mediaType)) return null;
  if (!BASE64.test(document.dataBase64)) return null;
  return `data:${document.mediaType};base64,${document.dataBase64}`;
}

function MarkdownImage({ alt, name, loadDocument }: { alt: string; name: string; loadDocument: LoadDocument }) {
  const { t } = useTranslation();
  const valid = isDocumentName(name);
  const [source, setSource] = useState<string | null | 'loading'>(valid ? 'loading' : null);

  useEffect(() => {
    if (!valid) return;
    let current = true;
    loadDocument(name).then(
      (document) => current && setSource(document ? imageDataUrl(document) : null),
      () => current && setSource(null),
    );
    return () => {
      current = false;
    };
  }, [loadDocument, name, valid]);

  if (source === 'loading') return <span className="md-image-missing">{t('boards.detail.imageLoading')}</span>;
  if (source === null) {
    return <span className="md-image-missing">{t('boards.detail.imageMissing', { name: alt === '' ? name : alt })}</span>;
  }
  return <img className="md-image" src={source} alt={alt} />;
}

function renderInline(nodes: Inline[], loadDocument: LoadDocument): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={index} />;
      case 'strong':
        return <strong key={index}>{renderInline(node.children, loadDocument)}</strong>;
      case 'emphasis':
        return <em key={index}>{renderInline(node.children, loadDocument)}</em>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'link':
        return (
          <span key={index}>
            <span className="md-link-text">{renderInline(node.children, loadDocument)}</span>
            {isReadableWebAddress(node.url) && <span className="md-link-address">（{node.url}）</span>}
          </span>
        );
      case 'image':
        return <MarkdownImage key={index} alt={node.alt} name={node.name} loadDocument={loadDocument} />;
    }
  });
}

function renderBlock(block: Block, index: number, loadDocument: LoadDocument): ReactNode {
  switch (block.type) {
    case 'heading': {
      // The screen's own heading is h2, so Markdown headings start one level below it.
      const children = renderInline(block.children, loadDocument);
      if (block.level === 1) return <h3 key={index}>{children}</h3>;
      if (block.level === 2) return <h4 key={index}>{children}</h4>;
      return <h5 key={index}>{children}</h5>;
    }
    case 'paragraph':
      return <p key={index}>{renderInline(block.children, loadDocument)}</p>;
    case 'quote':
      return <blockquote key={index}>{renderInline(block.children, loadDocument)}</blockquote>;
    case 'rule':
      return <hr key={index} />;
    case 'code':
      return (
        <pre key={index} className="md-code">
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item, loadDocument)}</li>);
      return block.ordered ? (
        <ol key={index} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={index}>{items}</ul>
      );
    }
    case 'table':
      return (
        <table key={index} className="md-table">
          <thead>
            <tr>
              {block.header.map((cell, cellIndex) => (
                <th key={cellIndex} scope="col">
                  {renderInline(cell, loadDocument)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((cells, rowIndex) => (
              <tr key={rowIndex}>
                {cells.map((cell, cellIndex) => (
                  <td key={cellIndex}>{renderInline(cell, loadDocument)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export interface MarkdownViewProps {
  source: string;
  // 'text' keeps the text as it is, with its line breaks.
  format: 'markdown' | 'text';
  loadDocument: LoadDocument;
}

export function MarkdownView({ source, format, loadDocument }: MarkdownViewProps) {
  const { t } = useTranslation();
  const document = useMemo(() => (format === 'markdown' ? parseMarkdown(source) : null), [format, source]);

  if (document === null) {
    return (
      <div className="markdown markdown--text" data-testid="record-body">
        {source.slice(0, MAX_MARKDOWN_CHARS)}
        {source.length > MAX_MARKDOWN_CHARS && <p className="md-truncated">{t('boards.detail.truncated')}</p>}
      </div>
    );
  }

  return (
    <div className="markdown" data-testid="record-body">
      {document.blocks.map((block, index) => renderBlock(block, index, loadDocument))}
      {document.truncated && <p className="md-truncated">{t('boards.detail.truncated')}</p>}
    </div>
  );
}
