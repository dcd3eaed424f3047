import path from 'node:path';
import { toolRoot } from '../tool-root.js';

/** A standard printing condition the press-ready PDF/X can be made for, with the profile this project carries. */
export interface PrintingCondition {
  /** OutputConditionIdentifier of the PDF/X output intent: the name in the ICC registry (http://www.color.org). */
  identifier: string;
  /** OutputCondition: the condition in words, for people reading the PDF's properties. */
  condition: string;
  /** Info of the output intent. */
  info: string;
  /** File name of the CMYK output profile in assets/profiles/. */
  profile: string;
  /** Characterization data (Debian package icc-profiles-free) the profile is made from. */
  characterization: string;
  /** Total ink coverage in percent (C+M+Y+K) that the profile never exceeds and the preflight checks. */
  inkLimit: number;
  /** The paper this condition is for, in the words staff use. */
  paper: string;
}

/** Printing conditions by the name used in brochure.yaml (`printing:`). */
export const PRINTING_CONDITIONS = {
  fogra39: {
    identifier: 'FOGRA39',
    condition: 'Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1 or 2, coated art paper)',
    info: 'Offset, coated paper, ISO 12647-2',
    profile: 'fogra39-coated.icc',
    characterization: 'FOGRA39L.ti3',
    // ISO 12647-2 sheet-fed offset on coated paper; the limit of the widely used ISOcoated_v2 profile.
    inkLimit: 330,
    paper: 'coated paper (gloss or matt art paper)',
  },
  fogra29: {
    identifier: 'FOGRA29',
    condition: 'Uncoated FOGRA29 (ISO 12647-2:2004, paper type 4, uncoated white offset paper)',
    info: 'Offset, uncoated paper, ISO 12647-2',
    profile: 'fogra29-uncoated.icc',
    characterization: 'FOGRA29L.ti3',
    // Uncoated paper takes less ink before it sets off and dries slowly; 300 % as in ISOuncoated.
    inkLimit: 300,
    paper: 'uncoated paper (offset, writing or recycled paper)',
  },
} as const satisfies Record<string, PrintingCondition>;

export type PrintingConditionName = keyof typeof PRINTING_CONDITIONS;

/** The printing condition used when brochure.yaml names none. */
export const DEFAULT_PRINTING: PrintingConditionName = 'fogra39';

/**
 * Black generation for the profiles (ArgyllCMS `colprof -k p`): no black in the lightest 15 % of tones, so pale
 * tints stay clean, then rising evenly to 80 % of the black a colour allows at the darkest point; a medium
 * black, as offset printing expects, lighter than Argyll's default ramp.
 */
export const BLACK_GENERATION = ['0', '0.15', '1.0', '0.8', '1.0'] as const;

/** The folder of the committed profiles (made by `npm run make-profiles`). */
export function profileFolder(): string {
  return path.join(toolRoot(), 'assets', 'profiles');
}

/** The full path of a condition's profile. */
export function profilePath(name: PrintingConditionName): string {
  return path.join(profileFolder(), PRINTING_CONDITIONS[name].profile);
}
