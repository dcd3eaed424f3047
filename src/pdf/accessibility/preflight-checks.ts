import type { PreflightCheck } from '../preflight/report.js';
import type { AccessibilityReport } from './types.js';

/** A preflight check with the page it concerns. */
export type AccessibilityPreflightCheck = PreflightCheck & { page?: number };

/** The name of the summary check: the preflight table shows its detail, `N of N`. */
export const SUMMARY_CHECK = 'PDF/UA machine checks';

/** Findings shown per failed checkpoint in the preflight; preflight.json and the report keep the rest. */
const SHOWN = 5;

/**
 * The accessibility report as preflight checks: one summary, `PDF/UA machine checks: 10 of 11`, then one check
 * per finding of each failed checkpoint (the first five), named with its Matterhorn number. `severity` is what a
 * failure is: an error for the screen PDF (the accessible file), a warning where it only informs.
 */
export function accessibilityPreflight(report: AccessibilityReport, severity: 'error' | 'warning' = 'error'): { checks: AccessibilityPreflightCheck[]; summary: string } {
  const passed = report.checkpoints.filter((checkpoint) => checkpoint.passed);
  const failed = report.checkpoints.filter((checkpoint) => !checkpoint.passed);
  const summary = `${SUMMARY_CHECK}: ${passed.length} of ${report.checkpoints.length}`;
  const checks: AccessibilityPreflightCheck[] = [
    {
      check: SUMMARY_CHECK,
      severity: failed.length === 0 ? 'ok' : severity,
      detail: `${passed.length} of ${report.checkpoints.length}${failed.length ? `; failed: ${failed.map((checkpoint) => checkpoint.number).join(', ')}` : ''}`,
    },
  ];
  for (const checkpoint of failed) {
    const shown = checkpoint.findings.slice(0, SHOWN);
    for (const finding of shown) {
      checks.push({
        check: `PDF/UA ${checkpoint.number} ${checkpoint.name}`,
        severity,
        detail: [finding.page ? `page ${finding.page}` : '', finding.element ?? '', finding.message].filter(Boolean).join(': '),
        ...(finding.page ? { page: finding.page } : {}),
      });
    }
    if (checkpoint.findings.length > SHOWN) {
      checks.push({ check: `PDF/UA ${checkpoint.number} ${checkpoint.name}`, severity, detail: `… and ${checkpoint.findings.length - SHOWN} more findings` });
    }
  }
  return { checks, summary };
}
