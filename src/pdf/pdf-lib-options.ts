import { ParseSpeeds } from '@cantoo/pdf-lib';

/**
 * pdf-lib yields to the event loop after every few objects while parsing and saving, which leaves it idle most
 * of the time on documents of a few thousand objects: the build parses and saves in one go instead.
 */
export const LOAD_OPTIONS = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;

/** Saving in one go, with object streams (smaller files). */
export const SAVE_OPTIONS = { useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY } as const;

