/**
 * The quick pick behind the status bar item: every Cline action in one place, with what fits the state
 * first (installing or enabling Cline when it is missing).
 */
import * as vscode from 'vscode';
import { CLINE_EXTENSION_ID } from '../../core/cline/clineApi';
import { readCodeLensSettings } from '../../adapters/settings/codeLensSettings';
import { CMD, VIEW } from '../../core/commandIds';
import type { CommandServices } from './commandServices';
import { describeTool } from '../../core/tasks/taskText';

type ActionItem = vscode.QuickPickItem & { run?: () => unknown };

export async function showClineActions(services: CommandServices): Promise<void> {
  const { bridge, log } = services;
  const state = bridge.state();
  const command =
    (id: string, ...args: unknown[]) =>
    () =>
      vscode.commands.executeCommand(id, ...args);
  const items: ActionItem[] = [];
  if (state.availability === 'missing') {
    const why = await bridge.diagnoseMissing();
    items.push(
      why.kind === 'disabled'
        ? {
            label: `$(extensions) ${vscode.l10n.t('Enable Cline')}`,
            description: vscode.l10n.t('it is installed but disabled'),
            run: () => bridge.showInExtensionsView(),
          }
        : {
            label: `$(extensions) ${vscode.l10n.t('Install Cline')}`,
            description: CLINE_EXTENSION_ID,
            run: () => bridge.showInExtensionsView(),
          },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
    );
  }
  const waiting = await services.tasks.waiting();
  if (waiting) {
    const what = waiting.pendingTool ? describeTool(waiting.pendingTool) : vscode.l10n.t('its pending action');
    items.push(
      { label: `$(check) ${vscode.l10n.t('Approve')}`, description: what, run: command(CMD.approve) },
      { label: `$(close) ${vscode.l10n.t('Reject')}`, description: what, run: command(CMD.reject) },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
    );
  }
  const lensesOn = readCodeLensSettings().enabled;
  items.push(
    { label: `$(play) ${vscode.l10n.t('Start Cline Task…')}`, run: command(CMD.startTask) },
    { label: `$(file-media) ${vscode.l10n.t('New Cline Task with Images…')}`, run: command(CMD.startTaskWithImages) },
    { label: `$(comment) ${vscode.l10n.t('Send Message to Cline…')}`, run: command(CMD.sendMessage) },
    ...(waiting
      ? []
      : [
          {
            label: `$(check) ${vscode.l10n.t('Approve')}`,
            description: services.tasks.connected ? vscode.l10n.t('nothing waits now') : vscode.l10n.t("Cline's primary button"),
            run: command(CMD.approve),
          },
          {
            label: `$(close) ${vscode.l10n.t('Reject')}`,
            description: services.tasks.connected ? vscode.l10n.t('nothing waits now') : vscode.l10n.t("Cline's secondary button"),
            run: command(CMD.reject),
          },
        ]),
    { label: `$(add) ${vscode.l10n.t('Queue Task for Cline…')}`, run: command(CMD.queueTask) },
    services.tasks.connected
      ? { label: `$(list-tree) ${vscode.l10n.t('Show Cline Tasks')}`, run: command(`${VIEW.tasks}.focus`) }
      : {
          label: `$(plug) ${vscode.l10n.t('Connect Cline Task Events…')}`,
          description: vscode.l10n.t('see what Cline is doing'),
          run: command(CMD.connectTaskEvents),
        },
    { label: `$(hubot) ${vscode.l10n.t('Show Cline')}`, run: command(CMD.focusCline) },
    { label: `$(list-selection) ${vscode.l10n.t('Run Prompt Template…')}`, run: command(CMD.runPrompt) },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: lensesOn ? `$(eye-closed) ${vscode.l10n.t('Turn Code Lenses Off')}` : `$(eye) ${vscode.l10n.t('Turn Code Lenses On')}`,
      run: command(CMD.toggleCodeLens),
    },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, run: () => log.show(true) },
    {
      label: `$(gear) ${vscode.l10n.t('Settings')}`,
      run: command('workbench.action.openSettings', '@ext:cline-companion.cline-companion'),
    },
  );
  const title =
    state.availability === 'missing' ? vscode.l10n.t('Cline is not available') : `Cline${state.version ? ` ${state.version}` : ''}`;
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Cline action') });
  await picked?.run?.();
}
