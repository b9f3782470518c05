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

const OPEN_SOURCE_CONTROL: MessageAction = { title: 'Open Source Control', command: 'workbench.view.scm', args: [] };

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
    const message = `${title} needs the changes from Git: ${read.message}`;
    if (read.reason === 'untrusted') {
      return refuse(message, { title: 'Manage Workspace Trust', command: 'workbench.trust.manage', args: [] });
    }
    if (read.reason === 'gitDisabled') {
      return refuse(message, { title: 'Open Git Settings', command: 'workbench.action.openSettings', args: ['git.enabled'] });
    }
    if (read.reason === 'gitMissing') {
      return refuse(message, { title: 'Show Git Extension', command: 'workbench.extensions.search', args: ['@builtin vscode.git'] });
    }
    return refuse(message, OPEN_SOURCE_CONTROL);
  }
  if (!read.repos.some(hasChanges)) {
    const where = read.repos.map((r) => r.name).join(', ');
    return refuse(`There are no uncommitted changes in ${where}: nothing for ${title} to send to Cline.`, OPEN_SOURCE_CONTROL);
  }
  return { text: formatChanges(read.repos, maxBytes).text };
}
