/** Public API of the brochure pipeline. */
export { build, type BuildOptions, type BuildResult, type LanguageResult } from './build/build.js';
export { assemble, type AssembleOptions, type AssembleResult } from './build/assemble.js';
export { main } from './cli/main.js';
export { BrochureError, ERROR_KINDS, type ErrorKind } from './errors.js';
export { brochureConfigSchema, type BrochureConfigOptions, type ResolvedBrochureConfig } from './config/schema.js';
export { formatMessages } from './report/format-messages.js';
