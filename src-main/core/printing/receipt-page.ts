// The page of an 80 mm thermal roll. A roll has no page length, so a host measures the content
// height of the rendered page through the Chrome DevTools Protocol (Electron's webContents.debugger,
// or headless Chromium's --remote-debugging-pipe) and prints on a page that long plus margins.
// A short receipt then feeds no blank paper, and a long statement stays on one strip.
import { z } from 'zod';

export const RECEIPT_PAGE_WIDTH_MM = 80;
/** The @page margins of a receipt: top and bottom, then left and right. */
export const RECEIPT_MARGIN_MM = { vertical: 3, horizontal: 4 } as const;
/** The page length printed when no host measured the page. */
export const RECEIPT_DEFAULT_HEIGHT_MM = 297;

// NOTE: an estimate. Blank paper after the last line, so that a cutter mounted above the print
// head cuts below the text; the distance differs between printer models.
const CUT_ALLOWANCE_MM = 10;
/** The shortest receipt page, so a failed measurement of 0 still prints a readable strip. */
export const MIN_RECEIPT_HEIGHT_MM = 40;
// NOTE: an estimate of what thermal printer drivers take as a custom page length. Longer content
// continues on further pages of this length, and whether the printer cuts between them depends
// on its driver settings.
export const MAX_RECEIPT_HEIGHT_MM = 2000;

// CSS defines 96 px to the inch, and Chromium lays out print pages in CSS px.
const MM_PER_CSS_PX = 25.4 / 96;

/**
 * Computes the page length in whole millimetres for content `contentHeightPx` CSS px high: the
 * content, the top and bottom margins and the cut allowance, within the minimum and maximum.
 */
export function receiptPageHeightMm(contentHeightPx: number): number {
  const contentMm = Number.isFinite(contentHeightPx) && contentHeightPx > 0 ? contentHeightPx * MM_PER_CSS_PX : 0;
  const heightMm = Math.ceil(contentMm + 2 * RECEIPT_MARGIN_MM.vertical + CUT_ALLOWANCE_MM);
  return Math.min(Math.max(heightMm, MIN_RECEIPT_HEIGHT_MM), MAX_RECEIPT_HEIGHT_MM);
}

/** Returns the CSS @page rule of a receipt page `heightMm` long. */
export function receiptPageRule(heightMm: number): string {
  const margin = `${RECEIPT_MARGIN_MM.vertical}mm ${RECEIPT_MARGIN_MM.horizontal}mm`;
  return `@page { size: ${RECEIPT_PAGE_WIDTH_MM}mm ${heightMm}mm; margin: ${margin}; }`;
}

/**
 * Adds an @page rule for a page `heightMm` long at the end of the head of `html`, a page from
 * htmlPage. Being the later rule, it overrides the default length of the page's own style.
 */
export function withReceiptPageHeight(html: string, heightMm: number): string {
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) throw new Error('the print page has no </head>, so its page length cannot be set');
  return `${html.slice(0, headEnd)}<style>${receiptPageRule(heightMm)}</style>\n${html.slice(headEnd)}`;
}

/** Sends one DevTools Protocol command to the page's session and returns its result. */
export type DevtoolsSend = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

const DocumentSchema = z.object({ root: z.object({ nodeId: z.number().int() }) });
const NodeSchema = z.object({ nodeId: z.number().int().positive() });
// A quad lists four corners as x1, y1, x2, y2, x3, y3, x4, y4, clockwise from the top left.
const BoxModelSchema = z.object({ model: z.object({ border: z.array(z.number()).length(8) }) });

/**
 * Measures the height in CSS px of the loaded page's <html> element, which contains all of its
 * content. It uses the DOM domain only, so it works in a window with JavaScript turned off.
 */
export async function measureContentHeightPx(send: DevtoolsSend): Promise<number> {
  const document = DocumentSchema.parse(await send('DOM.getDocument', { depth: 0 }));
  const html = NodeSchema.parse(await send('DOM.querySelector', { nodeId: document.root.nodeId, selector: 'html' }));
  const { border } = BoxModelSchema.parse(await send('DOM.getBoxModel', { nodeId: html.nodeId })).model;

  const ys = [border[1]!, border[3]!, border[5]!, border[7]!];
  return Math.max(...ys) - Math.min(...ys);
}
