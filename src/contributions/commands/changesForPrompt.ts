/**
 * `{{changes}}` for a template command: the workspace's uncommitted changes, bounded in size, or, when there
 * is nothing to send (no Git, no repository, nothing changed), a message with the way forward and no task.
 */
import * as vscode from 'vscode';
import { readWorkingTreeChanges } from '../../adapters/workspace/gitChanges';
import { formatChanges, hasChanges } from '../../core/prompts';
import type { CommandResult } from '../../core/commandResult';

interface MessageAction {
  title: string;
  command: string;
  args: unknown[];
}

const openSourceControl = (): MessageAction => ({ title: vscode.l10n.t('Open Source Control'), command: 'workbench.view.scm', args: [] });

function refuse(message: string, action: MessageAction): { result: CommandResult } {
  // Not awaited: the command resolves now; the action runs if the user picks it.
  void vscode.window
    .showInformationMessage(message, action.title)
    .then((pick) => (pick ? vscode.commands.executeCommand(action.command, ...action.args) : undefined));
  return { result: { ok: false, reason: 'noTarget', message } };
}

/** The changes as prompt text (cut at `maxBytes`, saying how to see the rest), or the command's result without them. */
export async function changesForPrompt(title: string, maxBytes: number): Promise<{ text: string } | { result: CommandResult }> {
  const read = await readWorkingTreeChanges();
  if (!read.ok) {
    const message = vscode.l10n.t('{0} needs the changes from Git: {1}', title, read.message);
    if (read.reason === 'untrusted') {
      return refuse(message, { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage', args: [] });
    }
    if (read.reason === 'gitDisabled') {
      return refuse(message, {
        title: vscode.l10n.t('Open Git Settings'),
        command: 'workbench.action.openSettings',
        args: ['git.enabled'],
      });
    }
    if (read.reason === 'gitMissing') {
      return refuse(message, {
        title: vscode.l10n.t('Show Git Extension'),
        command: 'workbench.extensions.search',
        args: ['@builtin vscode.git'],
      });
    }
    return refuse(message, openSourceControl());
  }
  if (!read.repos.some(hasChanges)) {
    const where = read.repos.map((r) => r.name).join(', ');
    return refuse(
      vscode.l10n.t('There are no uncommitted changes in {0}: nothing for {1} to send to Cline.', where, title),
      openSourceControl(),
    );
  }
  return { text: formatChanges(read.repos, maxBytes).text };
}
