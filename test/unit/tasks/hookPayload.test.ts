import { strict as assert } from 'node:assert';
import { parseHookPayload, unwrapUserInput, type TaskEvent } from '../../../src/core/tasks/hookPayload';
import { describeTool } from '../../../src/core/tasks/taskText';
import { legacy, next } from './hookFixtures';

const parse = (payload: unknown): TaskEvent => {
  const result = parseHookPayload(JSON.stringify(payload), 42);
  assert.ok(result.ok, JSON.stringify(result));
  return result.event;
};

describe('parseHookPayload', () => {
  it('next TaskStart: the Cline task id, the timestamp and the prompt unwrapped from <user_input>', () => {
    const e = parse(next.taskStart('conv_1796156939866_lcjg3it', 'Add tests', 1234));
    assert.deepEqual(e, { kind: 'taskStart', taskId: 'conv_1796156939866_lcjg3it', at: 1234, prompt: 'Add tests' });
  });

  it('next PreToolUse decodes parameter values sent as JSON strings', () => {
    const e = parse(next.preToolUse('c1'));
    assert.equal(e.kind, 'toolRequested');
    if (e.kind !== 'toolRequested') return;
    assert.deepEqual(e.tool, { name: 'run_commands', parameters: { commands: ['npm test'] } });
    assert.equal(describeTool(e.tool), 'Run `npm test`?');
  });

  it('next PostToolUse without success (a reject) counts as denied; with success it does not', () => {
    const denied = parse(next.postToolUse('c1', 3000, 'missing'));
    const ran = parse(next.postToolUse('c1', 3000, true));
    assert.ok(denied.kind === 'toolFinished' && denied.denied);
    assert.ok(ran.kind === 'toolFinished' && !ran.denied);
  });

  it('TaskComplete carries the result; TaskCancel the completion status', () => {
    const done = parse(next.taskComplete('c1', 'All 12 tests pass.'));
    assert.ok(done.kind === 'completed' && done.result === 'All 12 tests pass.');
    const cancel = parse(next.taskCancel('c1'));
    assert.ok(cancel.kind === 'cancelled' && cancel.status === 'cancelled');
  });

  it('legacy user_attention from a command is an approval; from completion_result or resume_task it is not', () => {
    const ask = parse(legacy.attention('7', 'command', 'npm test'));
    assert.ok(ask.kind === 'attention' && ask.approvalWaits && ask.message === 'npm test' && ask.build === 'legacy');
    for (const source of ['completion_result', 'resume_task', 'followup']) {
      const e = parse(legacy.attention('7', source, 'x'));
      assert.ok(e.kind === 'attention' && !e.approvalWaits, source);
    }
    const note = parse(legacy.taskCompleteNote('7'));
    assert.ok(note.kind === 'attention' && note.event === 'task_complete' && !note.approvalWaits);
  });

  it('legacy PostToolUse after a reject: denied from its result text, though success is true', () => {
    const e = parse(legacy.postToolUse('7', 3000, true));
    assert.ok(e.kind === 'toolFinished' && e.denied);
    assert.equal(describeTool(e.kind === 'toolFinished' ? e.tool : { name: '', parameters: {} }), 'Run `npm test`?');
  });

  it('legacy TaskComplete is recognised as legacy by its metadata', () => {
    const e = parse(legacy.taskComplete('7', 'Done'));
    assert.ok(e.kind === 'completed' && e.result === 'Done' && e.build === 'legacy');
  });

  it('an unknown event is kept as unknown, with unknown fields ignored', () => {
    const e = parse({ hookName: 'PreCompact', taskId: 'c1', timestamp: '5', preCompact: { whatever: [1, 2] }, extra: { a: 1 } });
    assert.deepEqual(e, { kind: 'unknown', hookName: 'PreCompact', taskId: 'c1', at: 5 });
  });

  it('a missing or bad timestamp falls back to the time it was received', () => {
    const e = parse({ hookName: 'TaskResume', taskId: 'c1', timestamp: 'soon' });
    assert.deepEqual(e, { kind: 'resumed', taskId: 'c1', at: 42 });
  });

  for (const [name, text] of [
    ['empty', ''],
    ['truncated JSON', JSON.stringify(next.taskStart('c1', 'x')).slice(0, 40)],
    ['an array', '[1,2]'],
    ['a string', '"TaskStart"'],
    ['no hookName', '{"taskId":"c1"}'],
    ['no taskId', '{"hookName":"TaskStart"}'],
    ['a hookName of the wrong type', '{"hookName":7,"taskId":"c1"}'],
  ] as const) {
    it(`refuses ${name} with a message, without throwing`, () => {
      const result = parseHookPayload(text, 1);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.error.length > 0);
    });
  }

  it('a 1 MB payload (a long result) parses', () => {
    const result = 'x'.repeat(1024 * 1024);
    const e = parse(next.taskComplete('c1', result));
    assert.ok(e.kind === 'completed' && e.result?.length === result.length);
  });

  it('a payload over the limit is refused without parsing it', () => {
    const r = parseHookPayload('{' + ' '.repeat(5 * 1024 * 1024) + '}', 1);
    assert.ok(!r.ok && /too large/.test(r.error));
  });

  it('wrong-typed fields inside a known event do not throw', () => {
    const e = parse({ hookName: 'PreToolUse', taskId: 'c1', timestamp: '1', preToolUse: { toolName: 5, parameters: 'nope' } });
    assert.ok(e.kind === 'toolRequested' && e.tool.name === 'unknown tool');
    assert.deepEqual(e.kind === 'toolRequested' && e.tool.parameters, {});
  });

  it('unwrapUserInput leaves other text alone', () => {
    assert.equal(unwrapUserInput('<user_input mode="plan">\nHi\n</user_input>'), 'Hi');
    assert.equal(unwrapUserInput('plain'), 'plain');
  });
});
