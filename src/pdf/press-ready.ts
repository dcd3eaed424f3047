import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { BrochureError } from '../errors.js';
import { LOAD_OPTIONS } from './pdf-lib-options.js';
import { blackOnlyColours, blackTints, moveToBlackPlate } from './black-plate.js';
import { PRINTING_CONDITIONS, profilePath, type PrintingConditionName } from './printing-conditions.js';

const run = promisify(execFile);


/** Ghostscript as found on this machine. */
export interface FoundGhostscript {
  /** The command that runs it. */
  command: string;
  /** Its version, such as `10.00.0`. */
  version: string;
  /** The folder of its own ICC profiles (its ICCProfilesDir), such as /usr/share/ghostscript/10.00.0/iccprofiles/. */
  profiles: string;
}

const found = new Map<string, Promise<FoundGhostscript>>();

/**
 * Finds Ghostscript (`gs`, or `command`), which makes the press-ready PDF/X; throws a BrochureError (ghostscript-missing) with how to
 * install it when it is missing. Cheap to call again: the answer is kept. Call it before printing, so that a
 * build with --press-ready stops at once rather than after every language has been printed.
 */
export function findGhostscript(command = 'gs'): Promise<FoundGhostscript> {
  let pending = found.get(command);
  if (!pending) {
    pending = Promise.all([
      run(command, ['--version']),
      run(command, ['-q', '-dNODISPLAY', '-dBATCH', '-dSAFER', '-c', 'currentuserparams /ICCProfilesDir get print']),
    ]).then(
      ([version, profiles]) => ({ command, version: version.stdout.trim(), profiles: profiles.stdout.trim() }),
      (cause: NodeJS.ErrnoException) => {
        found.delete(command);
        throw new BrochureError(
          'ghostscript-missing',
          cause.code === 'ENOENT'
            ? `Cannot find Ghostscript (\`${command}\`), which makes the press-ready PDF/X (--press-ready).`
            : `Cannot run Ghostscript (\`${command} --version\` failed: ${cause.message.split('\n')[0]}); reinstall it.`,
          { cause },
        );
      },
    );
    found.set(command, pending);
  }
  return pending;
}

/** What the press-ready PDF is made for. */
export interface PressReadyOptions {
  /** Document title, written into the PDF/X's information. */
  title: string;
  /** The printing condition (brochure.yaml `printing`); default fogra39. */
  printing?: PrintingConditionName;
  /** templates/style.css as written: its `--press-black-only` colours go on the black plate only. */
  stylesheet?: string;
  /** The Ghostscript command; default `gs`. */
  gs?: string;
  /**
   * The date the PDF/X says it was made and changed: the build's. Ghostscript writes the time it runs, unless
   * SOURCE_DATE_EPOCH tells it otherwise, which is passed to it for this (else the press-ready PDF of the same
   * print differs from one second to the next).
   */
  date?: Date;
}

/**
 * Converts a print PDF into a CMYK PDF/X-3 for a standard printing condition with Ghostscript, keeping TrimBox
 * and BleedBox: the output intent names the condition and embeds its profile, and the conversion uses the same
 * profile (relative colorimetric with black point compensation: colours the paper can print stay as designed).
 * Links are removed first (PDF/X allows no annotations), and the stylesheet's black-only colours (body text,
 * rules) are set in black alone. Ghostscript's current PDF reader rewrites Chromium's fonts so that copied text
 * comes out garbled; its legacy reader (-dNEWPDF=false) keeps the text extractable, so it is used.
 */
export async function pressReady(printPdf: Uint8Array, options: PressReadyOptions): Promise<Uint8Array> {
  const ghostscript = await findGhostscript(options.gs);
  const printing = options.printing ?? 'fogra39';
  const condition = PRINTING_CONDITIONS[printing];
  const profile = profilePath(printing);
  const profileData = await readFile(profile).catch((cause: unknown) => {
    throw new BrochureError('ghostscript-failed', `Cannot read the ${condition.identifier} profile ${profile}, which the press-ready PDF is made with: the tool's files are incomplete. Check out or install the tool again (assets/profiles/ is part of it).`, { cause });
  });
  let colours: string[];
  try {
    colours = blackOnlyColours(options.stylesheet ?? '');
  } catch (cause) {
    throw new BrochureError('ghostscript-failed', (cause as Error).message, { cause });
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-pdfx-'));
  try {
    const document = await PDFDocument.load(printPdf, LOAD_OPTIONS);
    for (const page of document.getPages()) page.node.delete(PDFName.of('Annots'));
    document.catalog.delete(PDFName.of('StructTreeRoot'));
    document.catalog.delete(PDFName.of('MarkInfo'));
    let tints: Map<string, number>;
    try {
      tints = blackTints(colours, profileData);
    } catch (cause) {
      throw new BrochureError('ghostscript-failed', `Cannot read the ${condition.identifier} profile ${profile} (${(cause as Error).message}): the tool's files are damaged. Check out or install the tool again, or run \`npm run make-profiles\`.`, { cause });
    }
    moveToBlackPlate(document, tints);
    const input = path.join(folder, 'in.pdf');
    const output = path.join(folder, 'out.pdf');
    const prologue = path.join(folder, 'pdfx.ps');
    const profiles = await conversionProfiles(ghostscript, profileData, path.join(folder, 'iccprofiles'));
    await writeFile(input, await document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY }));
    await writeFile(prologue, pdfxPrologue(profile, options.title, printing));
    let stderr = '';
    try {
      ({ stderr } = await run(ghostscript.command, [
        // -dSAFER: Ghostscript may read only its own resources and the files named here, and write only the output.
        '-q', '-dBATCH', '-dNOPAUSE', '-dSAFER',
        `--permit-file-read=${input}`, `--permit-file-read=${prologue}`, `--permit-file-read=${profile}`, `--permit-file-read=${profiles}`,
        '-dNEWPDF=false', '-sDEVICE=pdfwrite', '-dPDFX=true', '-dPDFSETTINGS=/prepress',
        '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK', `-sICCProfilesDir=${profiles}`,
        '-dEmbedAllFonts=true', `-sOutputFile=${output}`, prologue, input,
      ], { maxBuffer: 16 * 1024 * 1024, env: options.date ? { ...process.env, SOURCE_DATE_EPOCH: String(Math.floor(options.date.getTime() / 1000)) } : process.env }));
    } catch (cause) {
      throw new BrochureError('ghostscript-failed', `Ghostscript failed to make the PDF/X: ${((cause as { stderr?: string }).stderr || (cause as Error).message).trim().split('\n').slice(-2).join(' ')}`, { cause });
    }
    if (/reverting to normal PDF output/i.test(stderr)) {
      throw new BrochureError('ghostscript-failed', `Ghostscript could not make a valid PDF/X: ${stderr.replace(/\s+/g, ' ').trim()}`);
    }
    return withContentId(new Uint8Array(await readFile(output)));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The PDF with the file identifier of its trailer made from its content. Ghostscript makes the /ID from the time
 * and the output file's name (in a temporary folder), so the same print gave another press-ready PDF at every
 * build, and another checksum in a release. The identifier is the MD5 of the file with the identifier's digits
 * zeroed (the PDF specification suggests the file's content for it), written over Ghostscript's in place, with
 * as many digits, so that no offset moves. A file without an identifier of 32 digits is left as it is.
 */
export function withContentId(pdf: Uint8Array): Uint8Array {
  const tailStart = Math.max(0, pdf.length - 4096);
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset + tailStart, pdf.length - tailStart).toString('latin1');
  const found = [...tail.matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]/g)].at(-1);
  if (!found) return pdf;
  const first = tailStart + found.index + found[0].indexOf('<') + 1;
  const second = tailStart + found.index + found[0].lastIndexOf('<') + 1;
  const bytes = Buffer.from(pdf);
  for (const start of [first, second]) bytes.fill('0', start, start + 32, 'latin1');
  const id = crypto.createHash('md5').update(bytes).digest('hex').toUpperCase();
  for (const start of [first, second]) bytes.write(id, start, 32, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * A copy of Ghostscript's own profile folder with the condition's profile as its default CMYK profile; returns
 * the folder (with a final slash, as Ghostscript wants it). pdfwrite converts to CMYK with the default CMYK
 * profile and ignores -sOutputICCProfile (seen with Ghostscript 10.00), so the profile has to take that place;
 * DeviceCMYK content (the black-only colours) then stays as it is. pdfwrite converts relative colorimetric
 * with black point compensation whatever -dRenderIntent says (measured against littleCMS: the same numbers).
 */
async function conversionProfiles(ghostscript: FoundGhostscript, profile: Uint8Array, folder: string): Promise<string> {
  if (!ghostscript.profiles || ghostscript.profiles.startsWith('%rom%')) {
    throw new BrochureError('ghostscript-failed', `Cannot convert to the printing condition with this Ghostscript (${ghostscript.command} ${ghostscript.version}): its colour profiles are built into the program (${ghostscript.profiles || 'no ICCProfilesDir'}), so they cannot be replaced. Install the Ghostscript of your system's packages (Debian/Ubuntu \`sudo apt-get install ghostscript\`, macOS \`brew install ghostscript\`).`);
  }
  await mkdir(folder);
  const own = await readdir(ghostscript.profiles).catch((cause: unknown) => {
    throw new BrochureError('ghostscript-failed', `Cannot read Ghostscript's colour profiles in ${ghostscript.profiles}: reinstall Ghostscript.`, { cause });
  });
  await Promise.all(own.filter((name) => name.endsWith('.icc')).map((name) => copyFile(path.join(ghostscript.profiles, name), path.join(folder, name))));
  await writeFile(path.join(folder, 'default_cmyk.icc'), profile);
  return folder + path.sep;
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

/** The PDF/X output intent for the condition, its profile embedded, and the PDF/X version in the information. */
function pdfxPrologue(profile: string, title: string, printing: PrintingConditionName): string {
  const condition = PRINTING_CONDITIONS[printing];
  return `%!
/ICCProfile ${psString(profile)} def
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} <</N 4>> /PUT pdfmark
[{icc_PDFX} ICCProfile (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${psString(condition.condition)}
  /OutputConditionIdentifier ${psString(condition.identifier)}
  /RegistryName (http://www.color.org)
  /Info ${psString(condition.info)}
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
[ /Title ${utf16Hex(title)} /Trapped /False /GTS_PDFXVersion (PDF/X-3:2002) /DOCINFO pdfmark
`;
}
