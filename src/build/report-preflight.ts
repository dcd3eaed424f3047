import type { VFile } from 'vfile';
import type { PreflightReport } from '../pdf/preflight/report.js';
import { reportError, reportWarning } from '../report/messages.js';

/**
 * Puts the preflight's failed checks on the document: errors fail the build, warnings are shown. A check about
 * one photo goes on the section that shows it, at the line of its Markdown.
 */
export function reportPreflight(document: VFile, report: PreflightReport, files: VFile[]): void {
  for (const check of report.checks) {
    // The typographic findings are on the files they come from already, each at its line.
    if (check.severity === 'ok' || check.check === 'typography') continue;
    const section = check.image ? files.find((file) => file.data.imagePlaces?.[check.image!] !== undefined) : undefined;
    (check.severity === 'error' ? reportError : reportWarning)(section ?? document, `Preflight of ${report.file}: ${check.check}: ${check.detail}`, {
      ruleId: 'preflight',
      place: section?.data.imagePlaces?.[check.image!],
      hint: check.hint ?? 'See the preflight table and dist/<lang>/preflight.json.',
    });
  }
}

