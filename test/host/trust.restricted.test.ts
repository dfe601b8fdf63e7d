// Runs only with `node scripts/host/run.mjs --restricted` (Workspace Trust on, folder untrusted).
// Suites about Switchboard's behaviour in restricted mode go in *.restricted.test.ts files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('restricted mode (untrusted workspace)', () => {
  it('opens the test workspace untrusted', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    assert.equal(vscode.workspace.isTrusted, false);
  });
});
