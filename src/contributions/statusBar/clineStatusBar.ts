/**
 * A status bar item for Cline: found (and whether it has started), not found, busy sending, or the last
 * call failed. Clicking it opens the quick pick of Cline actions. Updating it never activates Cline.
 */
import * as vscode from 'vscode';
import type { ClineBridge } from '../../adapters/cline/clineBridge';
import { statusBarSettings } from '../../adapters/settings/statusBarSettings';
import { onSettingsChange } from '../../adapters/settings/config';
import { CMD, CONTEXT_KEY } from '../../core/commandIds';
import type { TaskAwareness } from '../../core/tasks/taskAwareness';
import { statusBarLook } from './statusBarLook';

export function createClineStatusBar(bridge: ClineBridge, tasks: TaskAwareness): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('clineCompanion.cline', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Cline Companion: Cline');
  item.command = CMD.showActions;
  const update = (): void => {
    const state = bridge.state();
    const look = statusBarLook(state, { connected: tasks.connected, task: tasks.current() });
    item.text = look.text;
    item.backgroundColor = look.attention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = look.tooltip;
    item.accessibilityInformation = { label: vscode.l10n.t('Cline: {0}', look.tooltip) };
    if (statusBarSettings.enabled()) item.show();
    else item.hide();
    // Commands that need Cline hide from the palette when it is missing (see package.json `when`).
    void vscode.commands.executeCommand('setContext', 'clineCompanion.clineMissing', state.availability === 'missing');
    // The walkthrough's first step is done when Cline is there (a positive key: see CONTEXT_KEY).
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.clineInstalled, state.availability !== 'missing');
  };
  update();
  const subscriptions = [bridge.onDidChange(update), tasks.onDidChange(update), onSettingsChange('statusBar', update)];
  return new vscode.Disposable(() => {
    for (const s of subscriptions) s.dispose();
    item.dispose();
  });
}
