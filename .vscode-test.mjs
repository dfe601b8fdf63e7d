// Config for @vscode/test-cli (`vscode-test`) and the "Extension Test Runner" VS Code extension,
// for desktop developers with internet: it downloads VS Code (from update.code.visualstudio.com)
// and runs the host suites in it. Not used by `npm test` (CI reaches only the npm registry):
// there, `npm run test:host` runs the same suites in code-server. Without @vscode/test-cli
// installed, `npm run test:electron` (scripts/host/electron.mjs) does the same job.
// Plain object (defineConfig from @vscode/test-cli is an identity function).
export default {
  label: 'host',
  files: 'out/test/host/**/!(*.restricted).test.js', // *.restricted.test.js need Workspace Trust on
  extensionDevelopmentPath: '.',
  workspaceFolder: '.',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: { SWITCHBOARD_HOST_MODE: 'trusted' },
  mocha: { ui: 'bdd', timeout: 60000, color: false },
};
