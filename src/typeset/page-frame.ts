/** The text area of a page, in millimetres from the page's top-left corner. */
export interface PageFrame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What the text area follows from: the trim and the margins of brochure.yaml. */
export interface FrameGeometry {
  trimWidth: number;
  trimHeight: number;
  /** Margins in millimetres; `inner` is the side of the fold. */
  margins: { top: number; bottom: number; inner: number; outer: number };
}

/**
 * The text area of page `page` (from 1) of the screen PDF: odd pages are right-hand pages, with the inner
 * margin on the left, as the print stylesheet lays them out.
 */
export function pageFrame(page: number, geometry: FrameGeometry): PageFrame {
  const { margins, trimWidth, trimHeight } = geometry;
  const right = page % 2 === 1;
  return {
    left: right ? margins.inner : margins.outer,
    right: trimWidth - (right ? margins.outer : margins.inner),
    top: margins.top,
    bottom: trimHeight - margins.bottom,
  };
}
