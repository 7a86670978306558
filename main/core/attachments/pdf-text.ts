// A PDF's text, read locally with pdf.js in a worker thread: loading pdf.js takes ~400 ms of CPU
// and a hostile PDF may take long to parse, neither of which may stall the main process's event
// loop. The worker reads up to a page and character cap, and is ended after a time limit.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Pages read at most; the rest are named as left out. */
export const MAX_PDF_PAGES = 100;
/** Characters kept of a document's text (about 25,000 tokens). */
export const MAX_TEXT_CHARS = 100_000;
/** A PDF that takes longer than this to read is given up. */
const TIME_LIMIT_MS = 60_000;

export interface PdfText {
  text: string;
  pages: number;
  /** True when pages or characters were left out. */
  cut: boolean;
}

/**
 * The worker's program (a string, so the main bundle needs no second entry): pdf.js without its
 * own worker (its "fake worker" runs in this thread), no eval, no fonts, page by page.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
(async () => {
  const { getDocument } = await import(workerData.pdfjs);
  const data = new Uint8Array(await readFile(workerData.path));
  const task = getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  const pages = [];
  let chars = 0;
  const last = Math.min(pdf.numPages, workerData.maxPages);
  for (let n = 1; n <= last && chars < workerData.maxChars; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join('').trim();
    page.cleanup();
    pages.push(text);
    chars += text.length + 2;
  }
  const joined = pages.join('\\n\\n');
  const cut = pages.length < pdf.numPages || joined.length > workerData.maxChars;
  await task.destroy();
  return { text: joined.slice(0, workerData.maxChars), pages: pdf.numPages, cut };
})().then(
  (result) => parentPort.postMessage({ result }),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) }),
);`;

const requireModule = createRequire(import.meta.url);

/** Rejects when pdf.js cannot open the file (damaged, encrypted) or it takes too long. */
export function pdfText(path: string): Promise<PdfText> {
  const pdfjs = pathToFileURL(requireModule.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfjs, path, maxPages: MAX_PDF_PAGES, maxChars: MAX_TEXT_CHARS },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('The PDF took too long to read.'));
    }, TIME_LIMIT_MS);
    const end = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: { result?: PdfText; error?: string }) => {
      end();
      if (reply.result) resolve(reply.result);
      else reject(new Error(reply.error ?? 'The PDF reader gave no answer.'));
    });
    worker.once('error', (error) => {
      end();
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The PDF reader stopped (exit code ${code}).`));
    });
  });
}
