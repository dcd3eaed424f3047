import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { BrochureError } from '../errors.js';
import { LOAD_OPTIONS } from './pdf-lib-options.js';

const run = promisify(execFile);


/** The output-intent profile: Ghostscript's own CMYK profile, installed with it and free to redistribute with it. */
const GHOSTSCRIPT_SHARE = '/usr/share/ghostscript';
const PROFILE = path.join('iccprofiles', 'default_cmyk.icc');

/**
 * Converts a print PDF into a CMYK PDF/X-3 with Ghostscript, keeping TrimBox and BleedBox. Links are removed
 * first (PDF/X allows no annotations). Ghostscript's current PDF reader rewrites Chromium's fonts so that copied
 * text comes out garbled; its legacy reader (-dNEWPDF=false) keeps the text extractable, so it is used.
 */
export async function pressReady(printPdf: Uint8Array, options: { title: string; gs?: string }): Promise<Uint8Array> {
  const gs = options.gs ?? 'gs';
  const profile = await findProfile();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-pdfx-'));
  try {
    const document = await PDFDocument.load(printPdf, LOAD_OPTIONS);
    for (const page of document.getPages()) page.node.delete(PDFName.of('Annots'));
    document.catalog.delete(PDFName.of('StructTreeRoot'));
    document.catalog.delete(PDFName.of('MarkInfo'));
    const input = path.join(folder, 'in.pdf');
    const output = path.join(folder, 'out.pdf');
    const prologue = path.join(folder, 'pdfx.ps');
    await writeFile(input, await document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY }));
    await writeFile(prologue, pdfxPrologue(profile, options.title));
    let stderr = '';
    try {
      ({ stderr } = await run(gs, [
        '-q', '-dBATCH', '-dNOPAUSE', '-dNOSAFER', '-dNEWPDF=false', '-sDEVICE=pdfwrite', '-dPDFX=true',
        '-dPDFSETTINGS=/prepress', '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK',
        '-dEmbedAllFonts=true', `-sOutputFile=${output}`, prologue, input,
      ], { maxBuffer: 16 * 1024 * 1024 }));
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new BrochureError('ghostscript-missing', `Cannot find Ghostscript (\`${gs}\`), which makes the press-ready PDF/X.`, { cause });
      }
      throw new BrochureError('ghostscript-failed', `Ghostscript failed to make the PDF/X: ${((cause as { stderr?: string }).stderr ?? (cause as Error).message).trim().split('\n').slice(-2).join(' ')}`, { cause });
    }
    if (/reverting to normal PDF output/i.test(stderr)) {
      throw new BrochureError('ghostscript-failed', `Ghostscript could not make a valid PDF/X: ${stderr.replace(/\s+/g, ' ').trim()}`);
    }
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function findProfile(): Promise<string> {
  const versions = await readdir(GHOSTSCRIPT_SHARE).catch(() => [] as string[]);
  for (const version of versions.sort().reverse()) {
    const file = path.join(GHOSTSCRIPT_SHARE, version, PROFILE);
    if (await access(file).then(() => true, () => false)) return file;
  }
  throw new BrochureError('ghostscript-missing', `Cannot find Ghostscript's CMYK profile (${path.join(GHOSTSCRIPT_SHARE, '<version>', PROFILE)}). Install Ghostscript: Debian/Ubuntu \`sudo apt-get install ghostscript\`.`);
}

function psString(text: string): string {
  return `(${text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[^\x20-\x7e]/g, '?')})`;
}

/** A PDF text string in UTF-16BE hex, so titles in any script survive pdfmark. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfxPrologue(profile: string, title: string): string {
  return `%!
/ICCProfile ${psString(profile)} def
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} <</N 4>> /PUT pdfmark
[{icc_PDFX} ICCProfile (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition (CMYK printing, Ghostscript default_cmyk.icc)
  /OutputConditionIdentifier (Custom)
  /RegistryName (http://www.color.org)
  /Info (Ghostscript default CMYK)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
[ /Title ${utf16Hex(title)} /Trapped /False /GTS_PDFXVersion (PDF/X-3:2002) /DOCINFO pdfmark
`;
}
