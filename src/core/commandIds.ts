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
} as const;

/** View ids (package.json `contributes.views`). VS Code adds a `<id>.focus` command for each. */
export const VIEW = {
  chat: 'clineCompanion.chatView',
  tasks: 'clineCompanion.tasksView',
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
