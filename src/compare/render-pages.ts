import { PDFiumLibrary } from '@hyzyla/pdfium';

/** One page as pixels: RGBA, four bytes a pixel, row by row. */
export interface PageImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Renders every page of a PDF at `dpi` with PDFium compiled to WebAssembly (@hyzyla/pdfium): nothing to install,
 * the same pixels on every machine. Returns RGBA images (the bitmap renderer's order), page by page; with
 * `first`, only that many pages.
 */
export async function renderPages(pdf: Uint8Array, dpi: number, options: { first?: number } = {}): Promise<PageImage[]> {
  // One WebAssembly instance per process (starting one takes about 50 ms; every build renders the covers).
  library ??= PDFiumLibrary.init().catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  const document = await (await library).loadDocument(pdf);
  try {
    const pages: PageImage[] = [];
    for (const page of document.pages()) {
      if (options.first !== undefined && pages.length >= options.first) break;
      const rendered = await page.render({ scale: dpi / 72, render: 'bitmap' });
      pages.push({ width: rendered.width, height: rendered.height, data: rendered.data });
    }
    return pages;
  } finally {
    document.destroy();
  }
}

let library: ReturnType<typeof PDFiumLibrary.init> | undefined;

