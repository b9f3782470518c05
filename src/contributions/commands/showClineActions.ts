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
        ? { label: '$(extensions) Enable Cline', description: 'it is installed but disabled', run: () => bridge.showInExtensionsView() }
        : { label: '$(extensions) Install Cline', description: CLINE_EXTENSION_ID, run: () => bridge.showInExtensionsView() },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
    );
  }
  const waiting = await services.tasks.waiting();
  if (waiting) {
    const what = waiting.pendingTool ? describeTool(waiting.pendingTool) : 'its pending action';
    items.push(
      { label: '$(check) Approve', description: what, run: command(CMD.approve) },
      { label: '$(close) Reject', description: what, run: command(CMD.reject) },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
    );
  }
  const lensesOn = readCodeLensSettings().enabled;
  items.push(
    { label: '$(play) Start Cline Task…', run: command(CMD.startTask) },
    { label: '$(file-media) New Cline Task with Images…', run: command(CMD.startTaskWithImages) },
    { label: '$(comment) Send Message to Cline…', run: command(CMD.sendMessage) },
    ...(waiting
      ? []
      : [
          {
            label: '$(check) Approve',
            description: services.tasks.connected ? 'nothing waits now' : "Cline's primary button",
            run: command(CMD.approve),
          },
          {
            label: '$(close) Reject',
            description: services.tasks.connected ? 'nothing waits now' : "Cline's secondary button",
            run: command(CMD.reject),
          },
        ]),
    { label: '$(add) Queue Task for Cline…', run: command(CMD.queueTask) },
    services.tasks.connected
      ? { label: '$(list-tree) Show Cline Tasks', run: command(`${VIEW.tasks}.focus`) }
      : { label: '$(plug) Connect Cline Task Events…', description: 'see what Cline is doing', run: command(CMD.connectTaskEvents) },
    { label: '$(hubot) Show Cline', run: command(CMD.focusCline) },
    { label: '$(list-selection) Run Prompt Template…', run: command(CMD.runPrompt) },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: lensesOn ? '$(eye-closed) Turn Code Lenses Off' : '$(eye) Turn Code Lenses On', run: command(CMD.toggleCodeLens) },
    { label: '$(output) Show Log', run: () => log.show(true) },
    { label: '$(gear) Settings', run: command('workbench.action.openSettings', '@ext:cline-companion.cline-companion') },
  );
  const title = state.availability === 'missing' ? 'Cline is not available' : `Cline${state.version ? ` ${state.version}` : ''}`;
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Cline action' });
  await picked?.run?.();
}
