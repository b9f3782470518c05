/**
 * The commands that talk to Cline directly: start a task (with or without images), send a message,
 * approve, reject, reveal Cline. Each takes its text from its arguments when run from code, and asks
 * (with the history and any kept draft) when run from the UI.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageSettings } from '../../adapters/settings/imageSettings';
import { CMD } from '../../core/commandIds';
import { toText, toUris } from './commandArgs';
import { cancelled, type CommandResult } from '../../core/commandResult';
import { dispatchForCommand, type CommandServices } from './commandServices';
import { IMAGE_EXTENSIONS, imageDataUrl, refuseBeforeReading } from '../../core/cline/imageAttachments';
import { askForPrompt, type PromptAction } from './promptInput';
import { describeTool } from '../../core/tasks/taskText';

/** Asks for a task's text; `undefined` when the user closed the input (what they typed is kept). */
async function askForTask(services: CommandServices, title: string): Promise<string | undefined> {
  const { memory } = services;
  const answer = await askForPrompt({
    title,
    placeholder: vscode.l10n.t("Describe the task. Starting one closes Cline's current task. ↑↓ for recent prompts"),
    actions: [{ id: 'start', description: `$(play) ${vscode.l10n.t('Start a new Cline task')}` }],
    draft: memory.draft('task'),
    history: memory.history(),
    forget: (text) => memory.forget(text),
    keepDraft: (text) => memory.setDraft('task', text),
  });
  if (answer) await memory.setDraft('task', undefined);
  return answer?.text;
}

async function startTask(services: CommandServices, textArg?: unknown, source = 'startTask'): Promise<CommandResult> {
  const fromCode = toText(textArg);
  const text = fromCode ?? (await askForTask(services, vscode.l10n.t('Start a Cline Task')));
  if (text === undefined) return cancelled;
  return dispatchForCommand(services, {
    method: 'startNewTask',
    text,
    source,
    keep: { key: 'task', text },
    remember: fromCode === undefined ? text : undefined,
  });
}

/** Reads, checks and encodes the images; the reasons for refusing when any is refused (then nothing is sent). */
async function loadImages(uris: readonly vscode.Uri[], maxBytes: number): Promise<{ dataUrls: string[]; refused: string[] }> {
  const dataUrls: string[] = [];
  const refused: string[] = [];
  for (const uri of uris) {
    const name = path.posix.basename(uri.path);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const early = refuseBeforeReading(name, stat.size, maxBytes);
      if (early) {
        refused.push(early);
        continue;
      }
      const checked = imageDataUrl(name, await vscode.workspace.fs.readFile(uri), maxBytes);
      if (checked.ok) dataUrls.push(checked.dataUrl);
      else refused.push(checked.reason);
    } catch (thrown) {
      refused.push(vscode.l10n.t('{0} could not be read ({1})', name, thrown instanceof Error ? thrown.message : String(thrown)));
    }
  }
  return { dataUrls, refused };
}

async function startTaskWithImages(services: CommandServices, textArg?: unknown, urisArg?: unknown): Promise<CommandResult> {
  let uris = toUris(urisArg);
  if (!uris) {
    uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Attach to Cline Task'),
      title: vscode.l10n.t('Images for the new Cline task'),
      filters: { [vscode.l10n.t('Images')]: [...IMAGE_EXTENSIONS] },
    });
    if (!uris || uris.length === 0) return cancelled;
  }
  const maxBytes = imageSettings.maxImageBytes();
  const { dataUrls, refused } = await loadImages(uris, maxBytes);
  if (refused.length > 0 || dataUrls.length === 0) {
    const message = vscode.l10n.t(
      'Nothing was sent to Cline: {0}.',
      refused.length ? refused.join('; ') : vscode.l10n.t('no image was chosen'),
    );
    services.log.warn(`startTaskWithImages refused: ${message}`);
    void vscode.window.showErrorMessage(message);
    return { ok: false, reason: 'invalidInput', message };
  }
  const fromCode = toText(textArg);
  const title =
    dataUrls.length === 1
      ? vscode.l10n.t('Start a Cline Task with 1 image')
      : vscode.l10n.t('Start a Cline Task with {0} images', dataUrls.length);
  const text = fromCode ?? (await askForTask(services, title));
  if (text === undefined) return cancelled;
  return dispatchForCommand(services, {
    method: 'startNewTask',
    text,
    images: dataUrls,
    source: 'startTaskWithImages',
    keep: { key: 'task', text },
    remember: fromCode === undefined ? text : undefined,
  });
}

/**
 * With task events connected we know when Cline has no task open: a message would be dropped, so we don't
 * send it, keep it, and offer to start a task with it instead.
 */
async function offerNewTaskInstead(services: CommandServices, text: string): Promise<CommandResult> {
  const message = vscode.l10n.t('Cline has no task open, so the message was not sent (Cline would drop it).');
  await services.memory.setDraft('message', text);
  services.log.info(`sendMessage: ${message}`);
  void vscode.window.showInformationMessage(message, vscode.l10n.t('Start a New Task with It')).then(async (choice) => {
    if (!choice) return;
    await services.memory.setDraft('message', undefined);
    await dispatchForCommand(services, { method: 'startNewTask', text, source: 'sendMessage→newTask', keep: { key: 'task', text } });
  });
  return { ok: false, reason: 'noTarget', message, prompt: text };
}

async function sendMessage(services: CommandServices, textArg?: unknown): Promise<CommandResult> {
  const { memory, dispatcher } = services;
  const fromCode = toText(textArg);
  const noTaskOpen = services.tasks.connected && !(await services.tasks.hasOpenTask());
  if (fromCode !== undefined) {
    if (noTaskOpen) return offerNewTaskInstead(services, fromCode);
    if (!dispatcher.startedTaskThisSession && !services.tasks.connected) {
      services.log.debug('sendMessage from code with no task started from this window: Cline drops it if no task is open');
    }
    return dispatchForCommand(services, {
      method: 'sendMessage',
      text: fromCode,
      source: 'sendMessage',
      keep: { key: 'message', text: fromCode },
    });
  }
  // Without events, ClineAPI can't tell us whether Cline has a task open, and it silently drops a message
  // when none is. So the input says so, and offers to start a task with the text instead.
  const unsure = !services.tasks.connected && !dispatcher.startedTaskThisSession;
  const send: PromptAction = {
    id: 'send',
    description: `$(comment) ${vscode.l10n.t("Send to Cline's current task")}`,
    detail: unsure ? vscode.l10n.t('Cline ignores messages when no task is open, and cannot tell us whether one is.') : undefined,
  };
  const newTask: PromptAction = { id: 'newTask', description: `$(play) ${vscode.l10n.t('Start a new task with this text instead')}` };
  const answer = await askForPrompt({
    title: vscode.l10n.t('Send a Message to Cline'),
    placeholder: noTaskOpen
      ? vscode.l10n.t('Cline has no task open: a message would be dropped. Start a new task with your text instead.')
      : unsure
        ? vscode.l10n.t(
            'Reply to Cline\'s current task. No task was started from this window: if Cline has none open, choose "Start a new task".',
          )
        : vscode.l10n.t("Reply to Cline's current task (answers what it is waiting for)"),
    actions: noTaskOpen ? [newTask] : [send, newTask],
    draft: memory.draft('message'),
    history: memory.history(),
    forget: (text) => memory.forget(text),
    keepDraft: (text) => memory.setDraft('message', text),
  });
  if (!answer) return cancelled;
  await memory.setDraft('message', undefined);
  if (answer.action === 'newTask') {
    return dispatchForCommand(services, {
      method: 'startNewTask',
      text: answer.text,
      source: 'sendMessage→newTask',
      keep: { key: 'task', text: answer.text },
      remember: answer.text,
    });
  }
  return dispatchForCommand(services, {
    method: 'sendMessage',
    text: answer.text,
    source: 'sendMessage',
    keep: { key: 'message', text: answer.text },
    remember: answer.text,
  });
}

async function focusCline(services: CommandServices): Promise<CommandResult> {
  const { bridge, notifier } = services;
  if (bridge.state().availability === 'missing') {
    const error = await bridge.diagnoseMissing();
    notifier.show(error);
    return { ok: false, reason: error.kind, message: error.message };
  }
  if (await bridge.reveal()) return { ok: true };
  const message = vscode.l10n.t("Cline's view could not be opened: this Cline version has neither of the commands we know for it.");
  void vscode.window.showWarningMessage(message);
  return { ok: false, reason: 'incompatible', message };
}

/**
 * Approve / Reject. With task events connected they know what waits: they answer it at once and say what
 * they answered, and when nothing waits they don't press at all (a press after a finished task would start
 * a new, paid model turn). Without events, Cline's API can't tell: they press, as before, and say so.
 */
async function answerPending(
  services: CommandServices,
  method: 'pressPrimaryButton' | 'pressSecondaryButton',
  source: string,
): Promise<CommandResult> {
  const primary = method === 'pressPrimaryButton';
  if (services.tasks.connected) {
    const waiting = await services.tasks.waiting();
    if (!waiting) {
      const message = vscode.l10n.t('Cline has nothing waiting for approval.');
      services.log.info(`${source}: not pressed, ${message}`);
      void vscode.window.showInformationMessage(message);
      return { ok: false, reason: 'noTarget', message };
    }
    const what = waiting.pendingTool ? describeTool(waiting.pendingTool) : vscode.l10n.t('its pending action');
    const result = await dispatchForCommand(services, { method, source });
    if (result.ok) {
      const message = primary ? vscode.l10n.t('Approved: {0}', what) : vscode.l10n.t('Rejected: {0}', what);
      services.log.info(`${source}: ${message}`);
      vscode.window.setStatusBarMessage(`$(${primary ? 'check' : 'close'}) ${message}`, 5000);
      return { ok: true, message };
    }
    return result;
  }
  const result = await dispatchForCommand(services, { method, source });
  if (result.ok) {
    vscode.window.setStatusBarMessage(
      primary
        ? vscode.l10n.t(
            "Pressed Cline's primary button (approve). Cline's API can't say whether anything was waiting: connect Cline's task events to make this safe.",
          )
        : vscode.l10n.t(
            "Pressed Cline's secondary button (reject). Cline's API can't say whether anything was waiting: connect Cline's task events to make this safe.",
          ),
      6000,
    );
  }
  return result;
}

export function registerClineCommands(services: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CMD.startTask, (text?: unknown) => startTask(services, text)),
    vscode.commands.registerCommand(CMD.startTaskWithImages, (text?: unknown, uris?: unknown) => startTaskWithImages(services, text, uris)),
    vscode.commands.registerCommand(CMD.sendMessage, (text?: unknown) => sendMessage(services, text)),
    vscode.commands.registerCommand(CMD.approve, () => answerPending(services, 'pressPrimaryButton', 'approve')),
    vscode.commands.registerCommand(CMD.reject, () => answerPending(services, 'pressSecondaryButton', 'reject')),
    vscode.commands.registerCommand(CMD.focusCline, () => focusCline(services)),
  ];
}
