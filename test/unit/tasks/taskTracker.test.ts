import { strict as assert } from 'node:assert';
import { parseHookPayload } from '../../../src/core/tasks/hookPayload';
import { TaskTracker, type CompanionTask } from '../../../src/core/tasks/taskTracker';
import { FakeClock } from '../fakeClock';
import { legacy, next } from './hookFixtures';

function setup() {
  const clock = new FakeClock();
  const changes: CompanionTask[] = [];
  const logs: string[] = [];
  let n = 0;
  const tracker = new TaskTracker({ clock, newId: () => `t${++n}`, onChange: (t) => changes.push(t), log: (m) => logs.push(m) });
  const feed = (payload: unknown): CompanionTask | undefined => {
    const parsed = parseHookPayload(JSON.stringify(payload), clock.now());
    assert.ok(parsed.ok);
    return tracker.apply(parsed.event);
  };
  return { clock, tracker, changes, logs, feed };
}

describe('TaskTracker', () => {
  it('next build: our start is linked to its TaskStart, waits after a lone PreToolUse, runs on PostToolUse, completes with the result', () => {
    const { clock, tracker, feed } = setup();
    const ours = tracker.starting('Run the tests and fix what fails');
    assert.equal(ours.state, 'starting');
    tracker.started(ours.id, true);
    assert.equal(tracker.get(ours.id)?.state, 'starting', 'with events, it stays starting until TaskStart');
    feed(next.taskStart('conv_1', 'Run the tests and fix what fails'));
    assert.deepEqual([tracker.get(ours.id)?.state, tracker.get(ours.id)?.clineTaskId], ['running', 'conv_1']);
    feed(next.promptSubmit('conv_1', 'Run the tests and fix what fails'));
    feed(next.preToolUse('conv_1'));
    assert.equal(tracker.get(ours.id)?.state, 'running', 'not waiting yet: a tool without approval is followed at once');
    clock.tick(999);
    assert.equal(tracker.get(ours.id)?.state, 'running');
    clock.tick(2);
    const waiting = tracker.get(ours.id);
    assert.equal(waiting?.state, 'waiting');
    assert.deepEqual(waiting?.pendingTool, { name: 'run_commands', parameters: { commands: ['npm test'] } });
    assert.equal(tracker.waiting()?.id, ours.id);
    feed(next.postToolUse('conv_1'));
    assert.equal(tracker.get(ours.id)?.state, 'running');
    assert.equal(tracker.get(ours.id)?.pendingTool, undefined);
    feed(next.taskComplete('conv_1', 'Fixed 2 tests.'));
    assert.deepEqual(
      [tracker.get(ours.id)?.state, tracker.get(ours.id)?.result, tracker.get(ours.id)?.endedAt],
      ['completed', 'Fixed 2 tests.', 4000],
    );
    assert.equal(tracker.active(), undefined);
  });

  it('next build: a PreToolUse followed quickly by PostToolUse never shows waiting', () => {
    const { clock, tracker, feed, changes } = setup();
    const ours = tracker.starting('x');
    feed(next.taskStart('c', 'x'));
    feed(next.preToolUse('c'));
    clock.tick(100);
    feed(next.postToolUse('c'));
    clock.tick(5000);
    assert.ok(!changes.some((t) => t.id === ours.id && t.state === 'waiting'));
  });

  it('legacy build: waiting at the user_attention of a command, running after approval, completed', () => {
    const { clock, tracker, feed } = setup();
    const ours = tracker.starting('Run npm test');
    feed(legacy.taskStart('17', 'Run npm test'));
    feed(legacy.promptSubmit('17', 'Run npm test'));
    feed(legacy.attention('17', 'command', 'npm test'));
    assert.equal(tracker.get(ours.id)?.state, 'waiting');
    assert.deepEqual(tracker.get(ours.id)?.pendingTool, { name: 'command', parameters: { message: 'npm test' } });
    feed(legacy.preToolUse('17'));
    clock.tick(5000); // legacy PreToolUse comes after the approval: a long command is not "waiting"
    assert.equal(tracker.get(ours.id)?.state, 'running');
    feed(legacy.postToolUse('17'));
    feed(legacy.taskComplete('17', 'Tests pass.'));
    feed(legacy.taskCompleteNote('17'));
    feed(legacy.attention('17', 'completion_result', 'Tests pass.', 4200));
    assert.deepEqual([tracker.get(ours.id)?.state, tracker.get(ours.id)?.result], ['completed', 'Tests pass.']);
  });

  it('legacy build: a reject fires only PostToolUse, and the task runs on', () => {
    const { tracker, feed } = setup();
    const ours = tracker.starting('Run npm test');
    feed(legacy.taskStart('17', 'Run npm test'));
    feed(legacy.attention('17', 'command', 'npm test'));
    feed(legacy.postToolUse('17', 3000, true));
    assert.equal(tracker.get(ours.id)?.state, 'running');
  });

  it('legacy build: TaskCancel for a completed task (sent when a new one starts) leaves it completed', () => {
    const { tracker, feed } = setup();
    const first = tracker.starting('one');
    feed(legacy.taskStart('1', 'one'));
    feed(legacy.taskComplete('1', 'done'));
    const second = tracker.starting('two');
    feed(legacy.taskCancel('1', 6000));
    feed(legacy.attention('1', 'resume_task', '', 6001));
    feed(legacy.taskStart('2', 'two', 6100));
    assert.equal(tracker.get(first.id)?.state, 'completed');
    assert.equal(tracker.get(first.id)?.result, 'done');
    assert.equal(tracker.get(second.id)?.state, 'running');
  });

  it('a running task is cancelled by TaskCancel', () => {
    const { tracker, feed } = setup();
    const ours = tracker.starting('x');
    feed(next.taskStart('c', 'x'));
    feed(next.taskCancel('c'));
    assert.equal(tracker.get(ours.id)?.state, 'cancelled');
  });

  it("a task started in Cline's own panel appears, as origin cline, and replaces the running one", () => {
    const { tracker, feed } = setup();
    const ours = tracker.starting('mine');
    feed(next.taskStart('a', 'mine'));
    const theirs = feed(next.taskStart('b', 'typed in Cline', 2000));
    assert.equal(theirs?.origin, 'cline');
    assert.equal(theirs?.prompt, 'typed in Cline');
    assert.equal(theirs?.state, 'running');
    assert.equal(tracker.get(ours.id)?.state, 'cancelled');
  });

  it('without events, a started task is unknown, not guessed', () => {
    const { tracker } = setup();
    const ours = tracker.starting('x');
    tracker.started(ours.id, false);
    assert.equal(tracker.get(ours.id)?.state, 'unknown');
    assert.match(tracker.get(ours.id)?.reason ?? '', /not connected/);
  });

  it('a failed call marks the task failed with the reason', () => {
    const { tracker } = setup();
    const ours = tracker.starting('x');
    tracker.failed(ours.id, 'Cline is not installed.');
    assert.deepEqual([tracker.get(ours.id)?.state, tracker.get(ours.id)?.reason], ['failed', 'Cline is not installed.']);
  });

  it('the same event twice is applied once', () => {
    const { tracker, feed, changes } = setup();
    tracker.starting('x');
    feed(next.taskStart('c', 'x'));
    feed(next.taskComplete('c', 'r'));
    const before = changes.length;
    feed(next.taskComplete('c', 'r'));
    assert.equal(changes.length, before);
  });

  it('a late PreToolUse (older than the PostToolUse already applied) does not bring back a pending tool', () => {
    const { clock, tracker, feed } = setup();
    const ours = tracker.starting('x');
    feed(next.taskStart('c', 'x', 1000));
    feed(next.postToolUse('c', 3000));
    feed(next.preToolUse('c', 2000));
    clock.tick(5000);
    assert.equal(tracker.get(ours.id)?.state, 'running');
    assert.equal(tracker.get(ours.id)?.pendingTool, undefined);
  });

  it('completion and tool events for an unknown Cline task are ignored and logged', () => {
    const { tracker, feed, logs } = setup();
    assert.equal(feed(next.taskComplete('nobody', 'r')), undefined);
    assert.equal(feed(next.postToolUse('nobody')), undefined);
    assert.equal(tracker.all().length, 0);
    assert.ok(logs.some((l) => l.includes('unknown Cline task nobody')));
  });

  it('events of an unknown task that show it working adopt it (connected in the middle of a task)', () => {
    const { clock, tracker, feed } = setup();
    const adopted = feed(next.preToolUse('mid'));
    assert.equal(adopted?.origin, 'cline');
    clock.tick(1500);
    assert.equal(tracker.waiting()?.clineTaskId, 'mid');
  });

  it('with two of ours starting, each TaskStart links the one with its prompt', () => {
    const { tracker, feed } = setup();
    const a = tracker.starting('alpha');
    const b = tracker.starting('beta');
    feed(next.taskStart('cb', 'beta'));
    assert.equal(tracker.get(b.id)?.clineTaskId, 'cb');
    assert.equal(tracker.get(a.id)?.clineTaskId, undefined);
  });

  it('keeps only the newest finished tasks', () => {
    const clock = new FakeClock();
    let n = 0;
    const tracker = new TaskTracker({ clock, newId: () => `t${++n}`, onChange: () => undefined, keepFinished: 3 });
    for (let i = 0; i < 6; i++) tracker.failed(tracker.starting(`p${i}`).id, 'x');
    tracker.starting('new');
    assert.deepEqual(
      tracker.all().map((t) => t.prompt),
      ['p3', 'p4', 'p5', 'new'],
    );
  });

  it('a new turn of a completed task makes it run again, and the next completion updates the result', () => {
    const { tracker, feed } = setup();
    const ours = tracker.starting('x');
    feed(next.taskStart('c', 'x', 1000));
    feed(next.taskComplete('c', 'first', 2000));
    feed(next.taskStart('c', 'x', 3000));
    assert.equal(tracker.get(ours.id)?.state, 'running');
    assert.equal(tracker.get(ours.id)?.result, undefined);
    feed(next.taskComplete('c', 'second', 4000));
    assert.equal(tracker.get(ours.id)?.result, 'second');
  });

  it('forgetActivity (events disconnected) makes working tasks unknown and leaves finished ones alone', () => {
    const { tracker, feed } = setup();
    const done = tracker.starting('done');
    feed(next.taskStart('a', 'done', 1000));
    feed(next.taskComplete('a', 'r', 1500));
    const busy = tracker.starting('busy');
    feed(next.taskStart('b', 'busy', 2000));
    feed(next.preToolUse('b', 2100));
    tracker.forgetActivity('disconnected');
    assert.deepEqual(
      [tracker.get(busy.id)?.state, tracker.get(busy.id)?.pendingTool, tracker.get(busy.id)?.reason],
      ['unknown', undefined, 'disconnected'],
    );
    assert.equal(tracker.get(done.id)?.state, 'completed');
    assert.equal(tracker.active(), undefined);
  });
});
