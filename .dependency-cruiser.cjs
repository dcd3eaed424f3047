// The layering of src/, checked by `npm test` (tests/unit/architecture.test.ts):
//   cli -> build -> stages (config, content, markdown, check, translate, i18n, templates, render, pdf, publish, compare) -> libraries
// with report/messages.ts and errors.ts as leaves every layer may use. `npx depcruise src` shows the same from a terminal.
const STAGES = '^src/(config|content|markdown|check|translate|i18n|templates|render|pdf|typeset|publish|compare|report)/';
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Modules that import each other, directly or through others.', from: {}, to: { circular: true } },
    { name: 'stages-stay-below-build', severity: 'error', comment: 'A stage takes values and returns values; it never reaches back into the orchestrator or the command line.', from: { path: STAGES }, to: { path: '^src/(build|cli)/' } },
    { name: 'build-stays-below-cli', severity: 'error', comment: 'The build is called by the command line, never the other way round.', from: { path: '^src/build/' }, to: { path: '^src/cli/' } },
    { name: 'leaves-stay-leaves', severity: 'error', comment: 'Messages on files and the catalogue of errors are used by every layer and use nothing of the project.', from: { path: '^src/(report/messages|errors)\\.ts$' }, to: { path: '^src/' } },
    { name: 'no-tests-in-src', severity: 'error', from: { path: '^src/' }, to: { path: '^tests/' } },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
