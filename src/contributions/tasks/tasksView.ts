/**
 * The "Cline Tasks" view: the current task (state, what waits, elapsed time), the queue and the recent
 * finished tasks with their results. A native tree, so screen readers and the keyboard work as everywhere
 * in VS Code; every item has an accessible label that says its state in words.
 */
import * as vscode from 'vscode';
import { CMD } from '../../core/commandIds';
import { describeTool, firstLine } from '../../core/tasks/taskText';
import { ACTIVE_STATES, FINISHED_STATES, type CompanionTask, type TaskState } from '../../core/tasks/taskTracker';
import type { TaskEventsService } from '../../adapters/tasks/taskEventsService';

type Node =
  | { kind: 'section'; id: 'current' | 'queue' | 'recent'; label: string; count: number }
  | { kind: 'task'; task: CompanionTask; section: 'current' | 'queue' | 'recent' };

/** A task's state in words (a function: the translations load with the extension, not with this module). */
function stateWords(state: TaskState): string {
  switch (state) {
    case 'queued':
      return vscode.l10n.t('queued');
    case 'starting':
      return vscode.l10n.t('starting');
    case 'running':
      return vscode.l10n.t('working');
    case 'waiting':
      return vscode.l10n.t('waiting for your approval');
    case 'completed':
      return vscode.l10n.t('completed');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'unknown':
      return vscode.l10n.t('state unknown');
  }
}

const STATE_ICONS: Record<TaskState, vscode.ThemeIcon> = {
  queued: new vscode.ThemeIcon('circle-outline'),
  starting: new vscode.ThemeIcon('loading~spin'),
  running: new vscode.ThemeIcon('sync~spin'),
  waiting: new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('notificationsWarningIcon.foreground')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  unknown: new vscode.ThemeIcon('question'),
};

function elapsed(from: number | undefined, to: number): string {
  if (from === undefined) return '';
  const s = Math.max(0, Math.round((to - from) / 1000));
  return s < 60
    ? vscode.l10n.t('{0} s', s)
    : s < 3600
      ? vscode.l10n.t('{0} min {1} s', Math.floor(s / 60), s % 60)
      : vscode.l10n.t('{0} h {1} min', Math.floor(s / 3600), Math.floor((s % 3600) / 60));
}

export class TasksViewProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly service: TaskEventsService) {
    this.subscriptions = [service.onDidChange(() => this.refresh()), this.changed];
  }

  refresh(): void {
    this.changed.fire(undefined);
    // Elapsed time of a working task ticks while one is active.
    const active = this.service.tracker.active();
    if (active && !this.ticker) this.ticker = setInterval(() => this.changed.fire(undefined), 5000);
    if (!active && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const s of this.subscriptions) s.dispose();
  }

  getChildren(node?: Node): Node[] {
    const tasks = this.service.tracker.all();
    // Without events a started task's state stays unknown: only the newest is "current", older ones are history.
    const newest = tasks.filter((t) => t.state !== 'queued').at(-1);
    const current = tasks.filter((t) => ACTIVE_STATES.has(t.state) || (t.state === 'unknown' && t === newest)).reverse();
    const queued = this.service.queue.items();
    const recent = tasks.filter((t) => FINISHED_STATES.has(t.state) || (t.state === 'unknown' && t !== newest)).reverse();
    if (!node) {
      // Nothing at all: the view's welcome content says what to do.
      if (!current.length && !queued.length && !recent.length && !this.service.queue.isPaused) return [];
      // Disconnected with nothing that works without events (the queue, tasks started without them): the welcome
      // content offers Connect again. The tasks seen through events are kept and come back on reconnect.
      const withoutEvents = queued.length > 0 || this.service.queue.isPaused || current.some((t) => t.state === 'unknown');
      if (!this.service.connected && !withoutEvents) return [];
      const { isPaused, whyPaused } = this.service.queue;
      const queueLabel = !isPaused
        ? vscode.l10n.t('Queue')
        : whyPaused
          ? vscode.l10n.t('Queue (paused: {0})', whyPaused)
          : vscode.l10n.t('Queue (paused)');
      return [
        { kind: 'section', id: 'current', label: vscode.l10n.t('Current'), count: current.length },
        { kind: 'section', id: 'queue', label: queueLabel, count: queued.length },
        { kind: 'section', id: 'recent', label: vscode.l10n.t('Recent'), count: recent.length },
      ];
    }
    if (node.kind === 'task') return [];
    const list = node.id === 'current' ? current : node.id === 'queue' ? queued : recent;
    return list.map((task) => ({ kind: 'task', task, section: node.id }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'section') {
      const item = new vscode.TreeItem(
        node.label,
        node.count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      // VS Code keeps the collapsed state an id had while it had no children: a section that gets its first
      // task is a new item, so it opens expanded (the user's collapsing of a non-empty section is kept).
      item.id = `section:${node.id}${node.count ? '' : ':empty'}`;
      const description = node.count
        ? String(node.count)
        : node.id === 'current'
          ? this.service.connected
            ? vscode.l10n.t('Cline is idle')
            : vscode.l10n.t('not connected')
          : vscode.l10n.t('none');
      item.description = description;
      item.contextValue = `section.${node.id}`;
      // The words the row shows, in their order (WCAG 2.5.3, Label in Name): "Current: not connected".
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}', node.label, description) };
      return item;
    }
    const { task } = node;
    const item = new vscode.TreeItem(
      firstLine(task.prompt) || vscode.l10n.t('(a task started in Cline)'),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `task:${task.id}`;
    item.iconPath = STATE_ICONS[task.state];
    const waitingFor = task.pendingTool ? describeTool(task.pendingTool) : undefined;
    const time = ACTIVE_STATES.has(task.state)
      ? elapsed(task.startedAt, Date.now())
      : task.endedAt
        ? new Date(task.endedAt).toLocaleTimeString()
        : '';
    const state = stateWords(task.state);
    const description = [task.state === 'waiting' && waitingFor ? waitingFor : state, time].filter(Boolean).join(' · ');
    item.description = description;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(task.prompt || vscode.l10n.t('(a task started in Cline)'));
    tooltip.appendMarkdown(`\n\n**${state}**`);
    if (waitingFor) tooltip.appendText(`\n${waitingFor}`);
    if (task.result) tooltip.appendText(`\n\n${firstLine(task.result, 300)}`);
    if (task.reason) tooltip.appendText(`\n\n${task.reason}`);
    item.tooltip = tooltip;
    // The words the row shows, in their order (WCAG 2.5.3, Label in Name), and the state in words when the row
    // shows what waits instead: "Add a README, queued", "Fix the build, waiting for your approval: Run `npm test`? · 5 s".
    const name = firstLine(task.prompt) || vscode.l10n.t('A task started in Cline');
    item.accessibilityInformation = {
      label:
        task.state === 'waiting' && waitingFor
          ? vscode.l10n.t('{0}, {1}: {2}', name, state, description)
          : vscode.l10n.t('{0}, {1}', name, description),
    };
    item.contextValue =
      task.state === 'waiting'
        ? 'task.waiting'
        : task.state === 'queued'
          ? 'task.queued'
          : FINISHED_STATES.has(task.state)
            ? task.result
              ? 'task.finished.result'
              : 'task.finished'
            : `task.${task.state}`;
    if (task.result) item.command = { command: CMD.showTaskResult, title: vscode.l10n.t('Show Task Result'), arguments: [task.id] };
    else if (task.state === 'queued')
      item.command = { command: CMD.editQueuedTask, title: vscode.l10n.t('Edit Queued Task'), arguments: [task.id] };
    return item;
  }
}
