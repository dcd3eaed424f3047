// For CI: prints `languages=["en","mk",…]`, the languages of brochure/brochure.yaml (checked as every build
// checks it), as the line a GitHub Actions step appends to $GITHUB_OUTPUT for the matrix of build jobs.
//   node --import tsx scripts/list-languages.mts >> "$GITHUB_OUTPUT"
import { loadConfig, projectPaths } from '../src/config/load-config.js';
import { formatMessages } from '../src/report/format-messages.js';

const paths = projectPaths(process.cwd());
const { file, config } = await loadConfig(paths);
if (!config) {
  process.stderr.write(`${formatMessages([file], { cwd: paths.root })}\n`);
  process.exit(2);
}
process.stdout.write(`languages=${JSON.stringify(config.languages)}\n`);
