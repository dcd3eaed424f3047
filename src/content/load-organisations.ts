import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { VFile } from 'vfile';
import type { Organisation, ResolvedBrochureConfig } from '../config/schema.js';
import { isAssetProblem, type AssetStore } from './asset-store.js';
import type { Organisations, OrganisationView } from '../templates/render-document.js';
import { reportError } from '../report/messages.js';
import { prefixIds } from '../markdown/sanitize-svg.js';

/** Loads the partners' and the funder's logos once per build; problems are errors on the settings file. */
export async function loadOrganisations(config: ResolvedBrochureConfig, assets: AssetStore, configFile: VFile): Promise<Organisations> {
  const view = async (organisation: Organisation): Promise<OrganisationView> => {
    let logo: string | null = null;
    let placeholder = false;
    if (organisation.logo) {
      const asset = await assets.load(organisation.logo, path.join(configFile.cwd, 'brochure.yaml'));
      // A placeholder's logo is still to come: its mark is typeset from the name, and the check says so.
      if (isAssetProblem(asset) && asset.ruleId === 'missing-image' && organisation.placeholder) {
        placeholder = true;
      } else if (isAssetProblem(asset)) {
        reportError(configFile, `${asset.reason} (logo of \`${organisation.id}\`)`, { ruleId: asset.ruleId, hint: asset.hint });
      } else if (asset.kind === 'svg') {
        // Not aria-hidden: the template's `role="img"` wrapper names it, and the tagged PDF needs the drawing inside
        // that Figure (a hidden drawing leaves the Figure empty, and Chromium drops it).
        const svg = structuredClone(asset.svg);
        prefixIds(svg, `logo-${organisation.id}-`);
        logo = toHtml({ ...svg, properties: { ...svg.properties, focusable: 'false' } });
      } else {
        logo = `<img src="${asset.dataUrl}" alt="">`;
      }
    }
    const label = organisation.website?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '') ?? null;
    return { id: organisation.id, logo, placeholder, website: organisation.website ?? null, websiteLabel: label, email: organisation.email ?? null };
  };
  return {
    partners: await Promise.all(config.partners.map(view)),
    funder: config.funder ? await view(config.funder) : null,
  };
}
