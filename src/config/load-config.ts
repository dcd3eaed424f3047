import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { brochureConfigSchema, type ResolvedBrochureConfig } from './schema.js';
import { parseYaml } from './parse-yaml.js';
import { reportError } from '../report/messages.js';

/** Name of the settings file inside the content folder. */
export const CONFIG_FILE_NAME = 'brochure.yaml';

/** The folders of a brochure project. */
export interface ProjectPaths {
  /** The project folder; nothing outside it is ever read into a document. */
  root: string;
  /** Content: brochure.yaml and one folder per language. */
  content: string;
  templates: string;
  assets: string;
}

/** Paths of the project in `root` with the standard layout (brochure/, templates/, assets/). */
export function projectPaths(root: string): ProjectPaths {
  const resolved = path.resolve(root);
  return {
    root: resolved,
    content: path.join(resolved, 'brochure'),
    templates: path.join(resolved, 'templates'),
    assets: path.join(resolved, 'assets'),
  };
}

export interface LoadedConfig {
  file: VFile;
  config: ResolvedBrochureConfig | undefined;
}

/** Reads and validates brochure/brochure.yaml; problems are errors on the returned file. */
export async function loadConfig(paths: ProjectPaths): Promise<LoadedConfig> {
  const filePath = path.join(paths.content, CONFIG_FILE_NAME);
  const file = new VFile({ path: filePath, cwd: paths.root });
  try {
    file.value = await readFile(filePath, 'utf8');
  } catch {
    reportError(file, `Cannot find the brochure settings \`${path.relative(paths.root, filePath)}\``, {
      ruleId: 'config',
      hint: 'Run the command in the project folder, or create the file (see the README, "Settings").',
    });
    return { file, config: undefined };
  }
  const config = parseYaml(String(file.value).replace(/^\uFEFF/, ''), file, {
    schema: brochureConfigSchema,
    ruleId: 'config',
    what: 'brochure settings',
  });
  if (config && !config.languages.includes(config.sourceLanguage)) {
    reportError(file, `Unexpected \`sourceLanguage: ${config.sourceLanguage}\`, expected one of \`languages\``, {
      ruleId: 'config',
      hint: `Add \`${config.sourceLanguage}\` to \`languages\` or pick one of ${config.languages.join(', ')}.`,
    });
    return { file, config: undefined };
  }
  return { file, config };
}
