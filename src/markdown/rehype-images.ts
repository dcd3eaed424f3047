import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { AssetStore, isAssetProblem } from '../content/asset-store.js';
import type { PhotoCredits } from '../content/load-photo-credits.js';
import { reportError, reportWarning } from '../report/messages.js';
import { prefixIds } from './sanitize-svg.js';

export interface RehypeImagesOptions {
  assets: AssetStore;
  /** The photos folder and its credits: every photo must have one (checked only when given). */
  credits?: PhotoCredits;
}

/**
 * Resolves every image against its Markdown file and puts it into the page itself: SVG inline, so that its
 * text uses the brochure's fonts and stays selectable; photos as data: URLs. Missing images and images outside
 * the project are errors at their position.
 */
export default function rehypeImages(options: RehypeImagesOptions) {
  return async (tree: Root, file: VFile) => {
    const images: Array<{ node: Element; index: number; parent: Element | Root }> = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'img' && parent && index !== undefined) images.push({ node, index, parent });
    });
    await Promise.all(
      images.map(async ({ node, index, parent }, position) => {
        const src = typeof node.properties.src === 'string' ? node.properties.src : '';
        const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
        if (src === '') {
          reportError(file, 'Missing image path, expected `![Alt text](path/to/image.svg)`', { ruleId: 'missing-image', place: node.position, hint: 'Write the path between the parentheses.' });
          return;
        }
        const decorative = Array.isArray(node.properties.className) && node.properties.className.includes('callout-icon');
        if (!alt.trim() && !decorative) {
          reportError(file, `Missing alt text for image \`${src}\``, {
            ruleId: 'alt-text',
            place: node.position,
            hint: 'Describe what the image shows between the brackets, in this language: ![A diagram of …](path).',
          });
        }
        const asset = await options.assets.load(src, file.path);
        if (isAssetProblem(asset)) {
          reportError(file, asset.reason, { ruleId: asset.ruleId, place: node.position, hint: asset.hint });
          delete node.properties.src;
          return;
        }
        if (asset.kind === 'raster') {
          node.properties.src = asset.dataUrl;
          // For the resolution check: the print measures the placed width and finds the page through the id.
          node.properties.id = `${file.data.sectionId ?? 'image'}-img-${position + 1}`;
          node.properties.dataImage = path.relative(file.cwd, asset.path).split(path.sep).join('/');
          (file.data.rasterImages ??= []).push(node.properties.id);
          (file.data.imagePlaces ??= {})[node.properties.id] = node.position?.start;
          if (options.credits) creditPhoto(asset.path, options.credits, file, node);
          return;
        }
        const svg = structuredClone(asset.svg) as Element;
        prefixIds(svg, `${file.data.sectionId ?? 'image'}-figure-${position + 1}-`);
        const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
        // The alt text written in the Markdown is the description: it replaces the drawing's own title and
        // description, which readers and tagged PDFs would otherwise take instead.
        svg.children = svg.children.filter((child) => !(child.type === 'element' && (child.tagName === 'title' || child.tagName === 'desc')));
        if (alt) svg.children.unshift({ type: 'element', tagName: 'title', properties: {}, children: [{ type: 'text', value: alt }] });
        svg.properties = {
          ...svg.properties,
          className: ['inline-svg', ...classes.map(String)],
          role: 'img',
          ...(alt ? { ariaLabel: alt } : { ariaHidden: 'true' }),
        };
        delete svg.properties.width;
        delete svg.properties.height;
        svg.position = node.position;
        parent.children[index] = svg;
      }),
    );
  };
}

/** Records the credit of a photo for the imprint, or says at its line that it has none. */
function creditPhoto(photo: string, credits: PhotoCredits, file: VFile, node: Element): void {
  const inside = path.relative(credits.folder, photo).split(path.sep).join('/');
  const shown = path.relative(file.cwd, photo).split(path.sep).join('/');
  const folder = path.relative(file.cwd, credits.folder).split(path.sep).join('/');
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    reportWarning(file, `Unexpected photo \`${shown}\` outside ${folder}/: its author and licence cannot be recorded`, {
      ruleId: 'photo-credit',
      place: node.position,
      hint: `Move it into ${folder}/ (shared by every language), link it as \`../photos/${path.basename(photo)}\`, and add its author and licence to ${folder}/credits.yaml.`,
    });
    return;
  }
  const credit = credits.entries.get(inside.normalize('NFC'));
  if (!credit) {
    reportWarning(file, `Missing credit for photo \`${shown}\`: its author and licence are printed in the imprint`, {
      ruleId: 'photo-credit',
      place: node.position,
      hint: `Add to ${folder}/credits.yaml:\n${inside}:\n  author: Name of the photographer\n  licence: CC BY 4.0`,
    });
    return;
  }
  (file.data.photoCredits ??= []).push({ photo: inside, ...credit });
}
