import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { VFile } from 'vfile';
import type { Organisation, ResolvedBrochureConfig } from '../config/schema.js';
import { isAssetProblem, type AssetStore } from '../content/asset-store.js';
import { reportError } from '../report/messages.js';

/** An organisation as the templates show it; its name and country are UI strings looked up by `id`. */
export interface OrganisationView {
  id: string;
  /** Sanitised inline SVG (or an <img> with a data: URL), or null when no logo is configured. */
  logo: string | null;
  website: string | null;
  /** The web address without `https://` and `www.`, for print. */
  websiteLabel: string | null;
  email: string | null;
}

export interface Organisations {
  partners: OrganisationView[];
  funder: OrganisationView | null;
}

/** Loads the partners' and the funder's logos once per build; problems are errors on the settings file. */
export async function loadOrganisations(config: ResolvedBrochureConfig, assets: AssetStore, configFile: VFile): Promise<Organisations> {
  const view = async (organisation: Organisation): Promise<OrganisationView> => {
    let logo: string | null = null;
    if (organisation.logo) {
      const asset = await assets.load(organisation.logo, path.join(configFile.cwd, 'brochure.yaml'));
      if (isAssetProblem(asset)) {
        reportError(configFile, `${asset.reason} (logo of \`${organisation.id}\`)`, { ruleId: asset.ruleId, hint: asset.hint });
      } else if (asset.kind === 'svg') {
        // Not aria-hidden: the template's `role="img"` wrapper names it, and the tagged PDF needs the drawing inside
        // that Figure (a hidden drawing leaves the Figure empty, and Chromium drops it).
        logo = toHtml({ ...asset.svg, properties: { ...asset.svg.properties, focusable: 'false' } });
      } else {
        logo = `<img src="${asset.dataUrl}" alt="">`;
      }
    }
    const label = organisation.website?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '') ?? null;
    return { id: organisation.id, logo, website: organisation.website ?? null, websiteLabel: label, email: organisation.email ?? null };
  };
  return {
    partners: await Promise.all(config.partners.map(view)),
    funder: config.funder ? await view(config.funder) : null,
  };
}
