/** Public API of the brochure pipeline. */
export { build, UsageError, type BuildOptions, type BuildResult, type LanguageResult } from './build/build.js';
export { brochureConfigSchema, type BrochureConfigOptions, type ResolvedBrochureConfig } from './config/schema.js';
export { formatMessages } from './report/format-messages.js';
