/**
 * Every command id of the extension, in one place. They are an interface (keybindings, other extensions, the
 * README, package.json): keep them stable. A unit test keeps this table equal to package.json's commands.
 */
export const CMD = {
  startTask: 'clineCompanion.startTask',
  startTaskWithImages: 'clineCompanion.startTaskWithImages',
  sendMessage: 'clineCompanion.sendMessage',
  approve: 'clineCompanion.approve',
  reject: 'clineCompanion.reject',
  focusCline: 'clineCompanion.focusCline',
  runPrompt: 'clineCompanion.runPrompt',
  explain: 'clineCompanion.explain',
  refactor: 'clineCompanion.refactor',
  writeTests: 'clineCompanion.writeTests',
  document: 'clineCompanion.document',
  fix: 'clineCompanion.fix',
  optimize: 'clineCompanion.optimize',
  implementTodo: 'clineCompanion.implementTodo',
  reviewChanges: 'clineCompanion.reviewChanges',
  askAboutFile: 'clineCompanion.askAboutFile',
  toggleCodeLens: 'clineCompanion.toggleCodeLens',
  showActions: 'clineCompanion.showClineActions',
  // Quick Chat
  openChat: 'clineCompanion.openChat',
  newChat: 'clineCompanion.newChat',
  askInChat: 'clineCompanion.askInChat',
  setApiKey: 'clineCompanion.setApiKey',
  clearApiKey: 'clineCompanion.clearApiKey',
  refreshModels: 'clineCompanion.refreshModels',
  // Cline's task events, the task view and the queue
  connectTaskEvents: 'clineCompanion.connectTaskEvents',
  disconnectTaskEvents: 'clineCompanion.disconnectTaskEvents',
  queueTask: 'clineCompanion.queueTask',
  queueTodos: 'clineCompanion.queueTodos',
  startNextTask: 'clineCompanion.startNextTask',
  pauseQueue: 'clineCompanion.pauseQueue',
  resumeQueue: 'clineCompanion.resumeQueue',
  clearQueue: 'clineCompanion.clearQueue',
  editQueuedTask: 'clineCompanion.editQueuedTask',
  removeQueuedTask: 'clineCompanion.removeQueuedTask',
  moveQueuedTaskUp: 'clineCompanion.moveQueuedTaskUp',
  moveQueuedTaskDown: 'clineCompanion.moveQueuedTaskDown',
  showTaskResult: 'clineCompanion.showTaskResult',
  copyTaskResult: 'clineCompanion.copyTaskResult',
  runTaskAgain: 'clineCompanion.runTaskAgain',
  // First run
  openWalkthrough: 'clineCompanion.openWalkthrough',
} as const;

/** View ids (package.json `contributes.views`). VS Code adds a `<id>.focus` command for each. */
export const VIEW = {
  chat: 'clineCompanion.chatView',
  tasks: 'clineCompanion.tasksView',
} as const;

/** The walkthrough's id (package.json `contributes.walkthroughs`); VS Code knows it as `<extension id>#<this>`. */
export const WALKTHROUGH_ID = 'clineCompanion.getStarted';

/**
 * Context keys the extension sets, for `when` clauses and the walkthrough's `onContext:` completion events.
 * A unit test checks that every key the walkthrough waits for is one of these, and that the code sets each.
 * Positive keys on purpose: VS Code ignores an `onContext:` event whose expression is already true when the
 * walkthrough registers, and our keys are unset (false) until the extension activates.
 */
export const CONTEXT_KEY = {
  /** Cline is installed and enabled in this window (the status bar sets it, live). */
  clineInstalled: 'clineCompanion.clineInstalled',
  /** A chat API key exists: stored, or in the CLINE_API_KEY environment variable. */
  hasApiKey: 'clineCompanion.hasApiKey',
  /** The Quick Chat finished an answer in this window. */
  chatAnswered: 'clineCompanion.chatAnswered',
  /** `clineCompanion.codeLens.enabled` is on. */
  codeLensOn: 'clineCompanion.codeLensOn',
  /** Cline's task events are connected (wiring/taskFeatures.ts). */
  taskEventsConnected: 'clineCompanion.taskEventsConnected',
  /** The task queue holds a task (wiring/taskFeatures.ts). */
  queueHasItems: 'clineCompanion.queueHasItems',
} as const;

/** The built-in template each template command runs. */
export const TEMPLATE_COMMANDS = {
  explain: CMD.explain,
  refactor: CMD.refactor,
  writeTests: CMD.writeTests,
  document: CMD.document,
  fix: CMD.fix,
  optimize: CMD.optimize,
  implementTodo: CMD.implementTodo,
  reviewChanges: CMD.reviewChanges,
} as const;

/** Task commands whose bodies live in the lazily loaded part (the always-loaded part registers them). */
export const LAZY_TASK_COMMANDS = [
  CMD.connectTaskEvents,
  CMD.disconnectTaskEvents,
  CMD.queueTask,
  CMD.startNextTask,
  CMD.pauseQueue,
  CMD.resumeQueue,
  CMD.clearQueue,
  CMD.editQueuedTask,
  CMD.removeQueuedTask,
  CMD.moveQueuedTaskUp,
  CMD.moveQueuedTaskDown,
  CMD.showTaskResult,
  CMD.copyTaskResult,
  CMD.runTaskAgain,
] as const;
