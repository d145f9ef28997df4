import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../http/errors';

/** Debian's Chromium; the desk never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const pdfUnavailable = () =>
  new AppError(503, 'Service Unavailable', `PDF rendering needs Chromium at ${CHROMIUM_PATH}; print the HTML bulletin from the browser instead`, {
    code: 'pdf_unavailable',
  });

/**
 * Renders a printable page to PDF exactly as the browser's print does: the page's own @page rules
 * (A4 portrait, margins, the page-margin boxes with company, month and page numbers) decide the
 * layout. One short-lived browser per document: a monthly bulletin is rare, a resident browser is not free.
 */
export async function htmlToPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Buffer> {
  if (!fs.existsSync(executablePath)) throw pdfUnavailable();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] }).catch(() => {
    throw pdfUnavailable();
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
