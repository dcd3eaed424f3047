import { sectionTexts } from './text-blocks.js';
import { textChanges, type TextPart } from './text-changes.js';

/** At most this many changed texts are listed on a proof's first page (it stays one page); the rest are counted. */
export const MAX_LISTED = 8;

/** The first page of a proof made with `--since OLD`, in the language's own words. */
export interface ProofChanges {
  title: string;
  intro: string;
  items: Array<{ section: string; parts: Array<TextPart & { removed: boolean; inserted: boolean }> }>;
  none: string | null;
  more: string | null;
  signOff: string;
}

/**
 * What changed in one language since an earlier edition, for partners to sign off: its texts (from the earlier
 * web page and this build's sections) word by word, the first few listed, the rest counted.
 */
export function proofChanges(
  oldWebPage: string | undefined,
  sections: ReadonlyArray<{ id: string; html: string }>,
  t: (key: string, values?: Record<string, unknown>) => string,
  oldLabel: string,
): ProofChanges {
  const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  const current = sectionTexts(`<main>${sections.map((section) => `<section class="section" id="${escape(section.id)}">${section.html}</section>`).join('')}</main>`);
  const changes = textChanges(oldWebPage ? sectionTexts(oldWebPage) : [], current);
  return {
    title: t('proof.changesTitle'),
    intro: t('proof.changesIntro', { old: oldLabel }),
    items: changes.slice(0, MAX_LISTED).map((change) => ({ section: change.sectionTitle, parts: change.parts.map((part) => ({ ...part, removed: part.kind === 'removed', inserted: part.kind === 'inserted' })) })),
    none: changes.length === 0 ? t('proof.changesNone') : null,
    more: changes.length > MAX_LISTED ? t('proof.more', { count: changes.length - MAX_LISTED }) : null,
    signOff: t('proof.signOff'),
  };
}
