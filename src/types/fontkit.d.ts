// The parts of fontkit the glyph-coverage check uses (fontkit ships no type declarations).
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font | { fonts: Font[] };
}
