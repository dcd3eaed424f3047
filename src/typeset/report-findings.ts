import type { VFile } from 'vfile';
import { reportError, reportWarning } from '../report/messages.js';
import type { Finding, SourceBlock, TypesetRuleId } from './types.js';

/**
 * Rules that stay warnings with `--strict`: a one-word last line is sometimes the least bad of what a
 * paragraph can do, and the issue accepts up to three per language where no rewording avoids them.
 */
const ADVISORY = new Set<TypesetRuleId>(['short-last-line']);

/** What a finding is: a warning by default; with `strict` (CI, release) an error unless it is advisory. */
export function severityOf(finding: Pick<Finding, 'ruleId'>, options: { strict?: boolean } = {}): 'error' | 'warning' {
  return options.strict === true && !ADVISORY.has(finding.ruleId) ? 'error' : 'warning';
}

/** The blocks of text of a document's section files (`file.data.textBlocks`, set by the Markdown stage), in order. */
export function sourceBlocks(files: readonly VFile[]): SourceBlock[] {
  return files.flatMap((file) => (file.data.textBlocks ?? []).map((block) => ({ ...block, file: file.path })));
}

/**
 * Puts each finding on the Markdown file of its block, at the block's line; findings in text that is not from a
 * section (covers, contents, back cover) go on `fallback` (the language's index.md), with their page in the text.
 */
export function reportFindings(files: readonly VFile[], fallback: VFile, findings: readonly Finding[], options: { strict?: boolean } = {}): void {
  for (const entry of findings) {
    const file = (entry.file && files.find((candidate) => candidate.path === entry.file)) || fallback;
    const place = entry.line && file !== fallback ? { line: entry.line, column: entry.column ?? 1 } : undefined;
    (severityOf(entry, options) === 'error' ? reportError : reportWarning)(file, entry.message, { ruleId: entry.ruleId, hint: entry.hint, place });
  }
}

/** The typographic preflight as one entry of the preflight report: its verdict, counts per rule and every finding. */
export interface TypographyCheck {
  check: 'typography';
  severity: 'ok' | 'warning' | 'error';
  detail: string;
  findings: Finding[];
}

/** Sums up the findings for the preflight table and preflight.json (which keeps them, for `release`). */
export function typographyCheck(findings: readonly Finding[], options: { strict?: boolean } = {}): TypographyCheck {
  const counts = new Map<string, number>();
  for (const entry of findings) counts.set(entry.ruleId, (counts.get(entry.ruleId) ?? 0) + 1);
  const severities = findings.map((entry) => severityOf(entry, options));
  return {
    check: 'typography',
    severity: severities.includes('error') ? 'error' : severities.length > 0 ? 'warning' : 'ok',
    detail: findings.length === 0 ? 'no findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${[...counts].map(([rule, count]) => `${count} ${rule}`).join(', ')}`,
    findings: [...findings],
  };
}

/**
 * The findings of a language's preflight.json (as the build writes it) that `--strict` makes errors: what
 * `npm run release` refuses to pack.
 */
export function strictFindings(preflightJson: unknown): Finding[] {
  const reports = Array.isArray(preflightJson) ? preflightJson : [];
  const checks = reports.flatMap((report: { checks?: unknown }) => (Array.isArray(report?.checks) ? report.checks : []));
  const findings = checks.filter((check: { check?: unknown }) => check?.check === 'typography').flatMap((check: { findings?: unknown }) => (Array.isArray(check.findings) ? (check.findings as Finding[]) : []));
  return findings.filter((entry) => severityOf(entry, { strict: true }) === 'error');
}
