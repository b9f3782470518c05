/**
 * Hook payloads in the shapes the two builds of Cline 4.1.x send (see issue "See what Cline is doing"):
 * the SDK-based "next" build and the "legacy" build. Used by the parser, tracker and queue tests.
 */
const common = (hookName: string, taskId: string, timestamp: number) => ({
  clineVersion: '4.1.13',
  hookName,
  timestamp: String(timestamp),
  taskId,
  userId: 'user_123',
  model: { provider: 'cline', slug: 'anthropic/claude-sonnet-4-6' },
});

export const next = {
  taskStart: (taskId: string, prompt: string, t = 1000) => ({
    ...common('TaskStart', taskId, t),
    taskStart: {
      taskMetadata: { taskId, ulid: '01J0000000000000000000000', initialTask: `<user_input mode="act">${prompt}</user_input>` },
    },
  }),
  promptSubmit: (taskId: string, prompt: string, t = 1001) => ({ ...common('UserPromptSubmit', taskId, t), userPromptSubmit: { prompt } }),
  preToolUse: (taskId: string, t = 2000) => ({
    ...common('PreToolUse', taskId, t),
    preToolUse: { toolName: 'run_commands', parameters: { commands: '["npm test"]' } },
  }),
  postToolUse: (taskId: string, t = 3000, success: boolean | 'missing' = true) => ({
    ...common('PostToolUse', taskId, t),
    postToolUse: {
      toolName: 'run_commands',
      parameters: { commands: '["npm test"]' },
      result: '[object Object]',
      ...(success === 'missing' ? {} : { success }),
      executionTimeMs: 812,
    },
  }),
  taskComplete: (taskId: string, result: string, t = 4000) => ({
    ...common('TaskComplete', taskId, t),
    taskComplete: { taskMetadata: { taskId, result } },
  }),
  taskCancel: (taskId: string, t = 5000) => ({
    ...common('TaskCancel', taskId, t),
    taskCancel: { taskMetadata: { taskId, completionStatus: 'cancelled' } },
  }),
};

export const legacy = {
  taskStart: (taskId: string, prompt: string, t = 1000) => ({
    ...common('TaskStart', taskId, t),
    taskStart: {
      taskMetadata: { taskId, ulid: '01J0000000000000000000000', initialTask: `<user_input mode="act">${prompt}</user_input>` },
    },
  }),
  promptSubmit: (taskId: string, prompt: string, t = 1001) => ({ ...common('UserPromptSubmit', taskId, t), userPromptSubmit: { prompt } }),
  attention: (taskId: string, source: string, message: string, t = 2000) => ({
    ...common('Notification', taskId, t),
    notification: {
      event: 'user_attention',
      source,
      sourceType: 'ask',
      message,
      waitingForUserInput: true,
      requiresUserAction: true,
      eventVersion: '1',
      eventId: `ev_${t}`,
      messageTruncated: false,
      sourceId: 's1',
      severity: 'info',
    },
  }),
  taskCompleteNote: (taskId: string, t = 4100) => ({
    ...common('Notification', taskId, t),
    notification: {
      event: 'task_complete',
      source: 'attempt_completion',
      sourceType: 'say',
      message: 'done',
      waitingForUserInput: false,
      requiresUserAction: false,
    },
  }),
  preToolUse: (taskId: string, t = 2500) => ({
    ...common('PreToolUse', taskId, t),
    preToolUse: { toolName: 'execute_command', parameters: { command: 'npm test', requires_approval: 'true' } },
  }),
  postToolUse: (taskId: string, t = 3000, denied = false) => ({
    ...common('PostToolUse', taskId, t),
    postToolUse: {
      toolName: 'execute_command',
      parameters: { command: 'npm test', requires_approval: 'true' },
      result: denied ? 'The user denied this operation.' : 'ok',
      success: true,
      executionTimeMs: 20,
    },
  }),
  taskComplete: (taskId: string, result: string, t = 4000) => ({
    ...common('TaskComplete', taskId, t),
    taskComplete: { taskMetadata: { taskId, ulid: '01J0000000000000000000000', result, command: '' } },
  }),
  taskCancel: (taskId: string, t = 6000) => ({
    ...common('TaskCancel', taskId, t),
    taskCancel: { taskMetadata: { taskId, ulid: '01J0000000000000000000000', completionStatus: 'cancelled' } },
  }),
};
