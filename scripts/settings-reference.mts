// npm run docs:settings: writes the table of brochure.yaml's settings into the README from the schema.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSettingsReference } from '../src/config/reference.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
await writeFile(readme, withSettingsReference(await readFile(readme, 'utf8')));
console.log('README.md: settings reference updated from src/config/schema.ts');
