// A PDF's text, read locally with pdf.js (no worker thread: pdf.js runs its "fake worker" in this
// process), page by page, up to a page and character cap so a huge PDF cannot hold the process.
import { readFile } from 'node:fs/promises';

/** Pages read at most; the rest are named as left out. */
export const MAX_PDF_PAGES = 100;
/** Characters kept of a document's text (about 25,000 tokens). */
export const MAX_TEXT_CHARS = 100_000;

export interface PdfText {
  text: string;
  pages: number;
  /** True when pages or characters were left out. */
  cut: boolean;
}

/** Throws when pdf.js cannot open the file (damaged, encrypted). */
export async function pdfText(path: string): Promise<PdfText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(path));
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    let chars = 0;
    const last = Math.min(pdf.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= last && chars < MAX_TEXT_CHARS; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .trim();
      page.cleanup();
      pages.push(text);
      chars += text.length + 2;
    }
    const joined = pages.join('\n\n');
    const cut = pages.length < pdf.numPages || joined.length > MAX_TEXT_CHARS;
    return { text: joined.slice(0, MAX_TEXT_CHARS), pages: pdf.numPages, cut };
  } finally {
    await task.destroy();
  }
}
