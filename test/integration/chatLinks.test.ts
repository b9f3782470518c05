/**
 * Links clicked in the chat, on the host side: the host opens what the webview's sanitiser keeps as a
 * link (one policy, src/protocol/linkPolicy.ts), asks first, and says so when it refuses one. VS Code's
 * openExternal and notifications are replaced for these tests (VS Code leaves `env` patchable in test
 * mode), so nothing leaves the machine and no dialog waits for a click.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/wiring/testHooks';
import { activateCompanion } from './helpers';

type Patched = {
  openExternal: typeof vscode.env.openExternal;
  warn: typeof vscode.window.showWarningMessage;
  info: typeof vscode.window.showInformationMessage;
};

describe('chat links (host side)', () => {
  let h: TestHooks;
  let original: Patched;
  const opened: string[] = [];
  const warnings: string[] = [];
  const questions: string[] = [];
  /** What the next "open the mail app?" question is answered with. */
  let answer: string | undefined;

  before(async () => {
    h = ((await activateCompanion()).exports as { testHooks: TestHooks }).testHooks;
    original = {
      openExternal: vscode.env.openExternal,
      warn: vscode.window.showWarningMessage,
      info: vscode.window.showInformationMessage,
    };
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    env.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    const window = vscode.window as { showWarningMessage: unknown; showInformationMessage: unknown };
    window.showWarningMessage = async (message: string) => {
      warnings.push(message);
      return undefined;
    };
    window.showInformationMessage = async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
      questions.push(`${message} ${options?.detail ?? ''} [${items.join('|')}] modal=${options?.modal === true}`);
      return answer;
    };
    assert.notEqual(vscode.env.openExternal, original.openExternal, 'openExternal is patchable in test mode');
  });

  after(() => {
    (vscode.env as { openExternal: unknown }).openExternal = original.openExternal;
    const window = vscode.window as { showWarningMessage: unknown; showInformationMessage: unknown };
    window.showWarningMessage = original.warn;
    window.showInformationMessage = original.info;
  });

  beforeEach(() => {
    opened.length = 0;
    warnings.length = 0;
    questions.length = 0;
    answer = undefined;
  });

  const click = (href: string) => h.chat.controller.onMessage({ type: 'openLink', href });

  it('opens an https link through VS Code (which asks about untrusted domains)', async () => {
    await click('https://example.com/docs');
    assert.deepEqual(opened, ['https://example.com/docs']);
    assert.deepEqual(warnings, []);
  });

  it('opens a mailto link, which the view shows as a link, after asking', async () => {
    answer = 'Open Mail App';
    await click('mailto:someone@example.com?subject=Hi');
    assert.equal(questions.length, 1);
    assert.match(questions[0], /mailto:someone@example\.com\?subject=Hi.*modal=true/);
    assert.deepEqual(opened, ['mailto:someone@example.com?subject=Hi']);
  });

  it('does not open a mailto link when the user declines', async () => {
    await click('mailto:someone@example.com');
    assert.equal(questions.length, 1);
    assert.deepEqual(opened, []);
  });

  it('refuses any other link and says so', async () => {
    await click('javascript:alert(1)');
    await click('command:workbench.action.terminal.new');
    assert.deepEqual(opened, []);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /did not open “javascript:alert\(1\)”: only http, https and mailto links open/);
  });
});
