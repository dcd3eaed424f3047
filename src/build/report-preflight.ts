import type { VFile } from 'vfile';
import type { PreflightReport } from '../pdf/preflight/report.js';
import { reportError, reportWarning } from '../report/messages.js';

/** Puts the preflight's failed checks on the document: errors fail the build, warnings are shown. */
export function reportPreflight(file: VFile, report: PreflightReport): void {
  for (const check of report.checks) {
    if (check.severity === 'ok') continue;
    (check.severity === 'error' ? reportError : reportWarning)(file, `Preflight of ${report.file}: ${check.check}: ${check.detail}`, {
      ruleId: 'preflight',
      hint: check.hint ?? 'See the preflight table and dist/<lang>/preflight.json.',
    });
  }
}

