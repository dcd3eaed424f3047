import type { PreflightReport } from '../pdf/preflight/report.js';
import { SUMMARY_CHECK } from '../pdf/accessibility/preflight-checks.js';

function fmt(size: { width: number; height: number }): string {
  return `${size.width} × ${size.height} mm`;
}

/** The preflight as a few lines for the terminal. */
export function formatPreflight(lang: string, reports: PreflightReport[]): string {
  return reports
    .map((report) => {
      const problems = report.checks.filter((check) => check.severity !== 'ok');
      const facts = [
        `${report.pages} pages`,
        report.variant !== 'screen' ? `trim ${fmt(report.trimBox!)}, bleed box ${fmt(report.bleedBox!)}` : fmt(report.pageSize),
        `${report.fonts.filter((font) => font.embedded).length}/${report.fonts.length} fonts embedded`,
        report.variant === 'screen' ? `${report.tagged ? 'tagged' : 'untagged'}, /Lang ${report.lang ?? '-'}, ${report.outlineEntries} bookmarks` : undefined,
        accessibility(report),
        report.colourSpaces.join('+') || undefined,
        `${(report.bytes / 1024).toFixed(0)} KB`,
        typographyFact(report),
      ].filter(Boolean);
      const verdict = problems.length === 0 ? 'ok' : problems.map((check) => `${check.severity}: ${check.check} (${check.detail})`).join('; ');
      return `  preflight ${lang.padEnd(5)} ${report.variant.padEnd(6)} ${facts.join(', ')}  ${verdict}`;
    })
    .join('\n');
}

/** The count of the typographic preflight's findings, on the line of the report that has it (the screen PDF). */
function typographyFact(report: PreflightReport): string | undefined {
  const check = report.checks.find((entry) => entry.check === 'typography') as { findings?: unknown[] } | undefined;
  if (!check) return undefined;
  const count = check.findings?.length ?? 0;
  return `${count} typographic finding${count === 1 ? '' : 's'}`;
}

/** `PDF/UA machine checks: 11 of 11`, when the accessibility of the file was checked. */
function accessibility(report: PreflightReport): string | undefined {
  const summary = report.checks.find((check) => check.check === SUMMARY_CHECK);
  return summary ? `${SUMMARY_CHECK}: ${summary.detail.split(';')[0]}` : undefined;
}
