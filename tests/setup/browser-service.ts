import { inject } from 'vitest';
import { BROWSER_WS_ENV } from '../../src/render/connect-browser.js';

// Every test file's builds, and the command lines it starts, print with the run's one Chromium (see
// tests/setup/shared-builds.ts). A test that needs a launched browser says so with tests/helpers/browser.ts.
process.env[BROWSER_WS_ENV] = inject('browserWs');
