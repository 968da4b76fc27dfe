// Test helpers for packages that make PDFs with @arbor/formats (server routes, CLI): a PDF read back
// by pdf.js (a root devDependency, never loaded by the product).

/** Every page's MediaBox size (pt, rounded) and the text of all pages, as pdf.js reads them back. */
export async function readPdf(bytes: Uint8Array): Promise<{ sizes: [number, number][]; text: string }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const sizes: [number, number][] = [];
    let text = '';
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
      text += (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    return { sizes, text };
  } finally {
    await pdf.destroy();
  }
}
