import type { PDFDocument } from '@cantoo/pdf-lib';
import type { PageContent } from './read-content.js';

/** One thing a checkpoint found wrong, with where it is. */
export interface Finding {
  /** 1-based page, when the problem has one. */
  page?: number;
  /** The structure element or object concerned, such as `H3 "Details"` or `Link annotation 12 0 R`. */
  element?: string;
  message: string;
}

/** The outcome of one Matterhorn Protocol checkpoint, as far as software can decide it. */
export interface CheckpointResult {
  /** The checkpoint's number in the Matterhorn Protocol 1.1, such as `01` or `28`. */
  number: string;
  name: string;
  passed: boolean;
  findings: Finding[];
}

/** Every machine-checkable checkpoint of one PDF. */
export interface AccessibilityReport {
  /** True when every checkpoint passed. */
  passed: boolean;
  checkpoints: CheckpointResult[];
}

/** A passage the source marks as written in another language than the document (HTML `lang`). */
export interface LanguagePassage {
  text: string;
  lang: string;
}

/** What the checker is told about the document it checks. */
export interface AccessibilityOptions {
  /** The document's language (BCP 47); the catalog's /Lang must be this. */
  lang: string;
  /** Passages in another language, from the HTML: each must be found in the tags with its own /Lang. */
  passages?: LanguagePassage[];
  /** The file is meant to carry the PDF/UA identifier (pdfuaid:part 1); false by default, which only checks that a claim present is backed by passing checks. */
  pdfUa?: boolean;
}

/** A structure element as the checks see it, with its role resolved through the role map. */
export interface StructNode {
  /** The type as written (/S). */
  type: string;
  /** The standard type it stands for: the type itself, or where the role map leads. */
  role: string;
  /** Object reference, such as `12 0 R`. */
  ref: string;
  /** 1-based page of its first content, when known. */
  page?: number;
  alt?: string;
  actualText?: string;
  lang?: string;
  /** Table attributes: Scope of a TH. */
  scope?: string;
  kids: StructKidNode[];
  parent?: StructNode;
}

/** A kid of a structure element: an element, a marked-content sequence (page and MCID), or an annotation. */
export type StructKidNode =
  | { kind: 'element'; node: StructNode }
  | { kind: 'mcid'; page: number | undefined; mcid: number }
  | { kind: 'object'; page: number | undefined; ref: string };

/** The structure tree, read once for all checks. */
export interface StructureModel {
  /** The Document-level kids of the StructTreeRoot; undefined when the PDF has no structure tree. */
  roots: StructNode[] | undefined;
  /** Every element, in reading order. */
  elements: StructNode[];
  roleMap: Map<string, string>;
  /** Types whose role-map chain loops. */
  circularRoles: string[];
  /** Standard types that the role map remaps. */
  remappedStandard: string[];
  /** (page, MCID) -> element, from the tree. */
  contentOwner: Map<string, StructNode>;
  /** Annotation reference -> element holding it (OBJR). */
  objectOwner: Map<string, StructNode>;
  /** What the /ParentTree says, which is how readers go from content to its element: (page, MCID) or annotation -> element reference. */
  parentTree: Map<string, string>;
}

/** Everything the checkpoints read: the PDF objects, the structure and the page content. */
export interface CheckInput {
  document: PDFDocument;
  structure: StructureModel;
  pages: PageContent[];
  options: AccessibilityOptions;
}

/** A checkpoint's code: reads the input, returns its result. */
export type Checkpoint = (input: CheckInput) => CheckpointResult | CheckpointResult[];

/** Key of a piece of marked content in `contentOwner`. */
export const contentKey = (page: number | undefined, mcid: number) => `${page ?? '?'}|${mcid}`;

/** How a finding names an element: its type and the start of its text or alternate text. */
export function describe(node: StructNode, text?: string): string {
  const label = (node.alt ?? node.actualText ?? text ?? '').replace(/\s+/g, ' ').trim();
  return `${node.type}${node.type !== node.role ? ` (${node.role})` : ''}${label ? ` "${label.length > 50 ? `${label.slice(0, 49)}…` : label}"` : ''} ${node.ref}`;
}
