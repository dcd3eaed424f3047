import type { PDFDocument } from '@cantoo/pdf-lib';
import { markArtifacts, type MarkArtifactsResult } from './mark-artifacts.js';
import { normaliseTags, type NormaliseTagsResult } from './normalise-tags.js';
import { addRoleMap } from './add-role-map.js';
import { addLinkContents } from './add-link-contents.js';

/** What `fixTags` changed, step by step. */
export interface FixTagsResult {
  artifacts: MarkArtifactsResult;
  tags: NormaliseTagsResult;
  roleMap: string[];
  linkContents: number;
}

/**
 * The fixes Chromium's tagged PDF needs for PDF/UA, in the order they depend on each other: artifacts first
 * (decorations leave the tree before it is restructured), then the nesting, the role map for the types that
 * are left, and the links' /Contents from their final text. Run on the printed PDF before the print and screen
 * variants are made from it (after pdf-lib has drawn anything, such as crop marks).
 */
export function fixTags(document: PDFDocument): FixTagsResult {
  const artifacts = markArtifacts(document);
  const tags = normaliseTags(document);
  const roleMap = addRoleMap(document);
  const linkContents = addLinkContents(document);
  return { artifacts, tags, roleMap, linkContents };
}
