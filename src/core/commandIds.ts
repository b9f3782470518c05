/** Command ids of the Cline side. They are an interface (keybindings, other extensions, the README): keep them stable. */
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
