import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetStore } from '../../src/content/asset-store.js';
import { loadPhotoCredits } from '../../src/content/load-photo-credits.js';
import { createSectionProcessor } from '../../src/markdown/create-processor.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { solidPng } from '../helpers/png.js';
import { makeProject } from '../helpers/project.js';

describe('photos: brochure/photos/ shared by every language, a width, credits', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;

  beforeAll(async () => {
    project = await makeProject('basic');
    await mkdir(path.join(project.root, 'brochure', 'photos'), { recursive: true });
    for (const name of ['workshop.png', 'market.png']) await writeFile(path.join(project.root, 'brochure', 'photos', name), solidPng(60, 40));
    await writeFile(path.join(project.root, 'assets', 'stray.png'), solidPng(60, 40));
    await writeFile(path.join(project.root, 'brochure', 'photos', 'credits.yaml'), 'workshop.png:\n  author: Ana Petrova\n  licence: CC BY 4.0\n');
  });
  afterAll(() => project?.cleanup());

  /** The Markdown stage of `brochure/<lang>/01-intro.md` with the photo credits of the project. */
  async function render(markdown: string, lang = 'en') {
    const credits = await loadPhotoCredits(path.join(project.root, 'brochure'), project.root);
    const processor = createSectionProcessor({ assets: new AssetStore(project.root), credits, sections: new Map([['01-intro.md', 'intro']]), footnoteLabel: 'Notes', footnoteBackLabel: 'Back', iconsPath: '../../assets/icons', hyphenate: false });
    const file = new VFile({ path: path.join(project.root, 'brochure', lang, '01-intro.md'), cwd: project.root, value: markdown });
    file.data.sectionId = 'intro';
    const html = String(await processor.process(file));
    return { html, messages: formatMessages([file], { cwd: project.root }), credits: file.data.photoCredits };
  }

  it('sets a figure to a share of the text column with {width=50%}, and refuses other widths at their line', async () => {
    const { html, messages } = await render('# T\n\n:::figure{width=50%}\n![A workshop](../photos/workshop.png)\n\nA caption.\n:::\n');
    expect(messages).toBe('');
    expect(html).toMatch(/<figure class="figure figure-width-50"><div class="figure-media"><img src="data:image\/png;base64,[^"]+" alt="A workshop" id="intro-img-1" data-image="brochure\/photos\/workshop.png"><\/div><figcaption><p>A caption.<\/p><\/figcaption><\/figure>/);
    const wrong = await render('# T\n\n:::figure{width=40% style=x}\n![A workshop](../photos/workshop.png)\n:::\n');
    expect(wrong.messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected figure attribute `style`, expected `width`  directive');
    expect(wrong.messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected figure width `40%`, expected one of `25%`, `33%`, `50%`, `66%`, `75%`, `100%`  directive');
  });

  it('records each photo\'s credit for the imprint, and says at its line when one has none or lies outside the folder', async () => {
    const { messages, credits } = await render('# T\n\n![A workshop](../photos/workshop.png)\n\n![A market](../photos/market.png)\n\n![Stray](../../assets/stray.png)\n');
    expect(credits).toEqual([{ photo: 'workshop.png', author: 'Ana Petrova', licence: 'CC BY 4.0' }]);
    expect(messages).toContain('brochure/en/01-intro.md:5:1 warning Missing credit for photo `brochure/photos/market.png`: its author and licence are printed in the imprint  photo-credit');
    expect(messages).toContain('market.png:\n          author: Name of the photographer');
    expect(messages).toContain('brochure/en/01-intro.md:7:1 warning Unexpected photo `assets/stray.png` outside brochure/photos/: its author and licence cannot be recorded  photo-credit');
  });

  it('reports a credits file that is not author and licence at its line', async () => {
    const file = path.join(project.root, 'brochure', 'photos', 'credits.yaml');
    await writeFile(file, 'workshop.png:\n  author: Ana Petrova\n  licence: CC BY 4.0\nmarket.png:\n  autor: Marko\n');
    const credits = await loadPhotoCredits(path.join(project.root, 'brochure'), project.root);
    const messages = formatMessages([credits.file], { cwd: project.root });
    expect(messages).toContain('brochure/photos/credits.yaml:5:3 error Unexpected key `market.png.autor` in photo credits  photo-credit');
    expect(messages).toContain('brochure/photos/credits.yaml:5:3 error Missing `market.png.author` in photo credits  photo-credit');
  });
});
