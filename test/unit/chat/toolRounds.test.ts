/**
 * The chat's tool rounds, end to end in the core: the controller, its sessions and the real client against the
 * fake Cline server, which plays a model that calls `read_file` and answers once the results arrive. The tools
 * are a stand-in (FakeToolRunner); the real ones have their own tests.
 */
import assert from 'node:assert/strict';
import { ChatController, type ChatControllerDeps } from '../../../src/core/chat/chatController';
import { NOT_RUN_AFTER_LIMIT_TEXT, NOT_RUN_WITHOUT_TOOLS_TEXT, roundLimitNote, toolsRefusedNote } from '../../../src/core/chat/chatSession';
import { ServerRefusals, streamChat } from '../../../src/core/chat/client';
import { NO_RESULT_TEXT, type StoredMessage } from '../../../src/core/chat/requestMessages';
import { DECLINED_TEXT } from '../../../src/core/chat/toolRound';
import { systemClock } from '../../../src/core/clock';
import type { ToolApprovalMode } from '../../../src/core/tools/toolTypes';
import type { ContextChip, HostMessage, Mention, ModelInfo, ToolCallView, ToolDecision } from '../../../src/protocol/chatProtocol';
import {
  reply,
  SAMPLE_USAGE,
  sse,
  toolCallParts,
  toolResultsOf,
  useFakeClineServer,
  type FakeClineServer,
  type RecordedRequest,
  type Reply,
} from '../../fixtures/fakeClineServer';
import { FakeToolRunner } from './fakeToolRunner';
import { MemoryStore } from './memoryStore';

let server: FakeClineServer;
useFakeClineServer((started) => (server = started));

const MODEL = 'anthropic/claude-sonnet-4-6';

interface Options {
  approval?: ToolApprovalMode;
  maxRounds?: number;
  /** What the model list says (default: nothing known). */
  models?: ModelInfo[];
  /** False: the tools are off (the setting, Restricted Mode). */
  tools?: boolean;
  resolveMentions?: ChatControllerDeps['resolveMentions'];
}

/** A controller as the extension wires it, on the real client and the fake server, with the stand-in tools. */
function setup(options: Options = {}) {
  const posted: HostMessage[] = [];
  const store = new MemoryStore();
  const runner = new FakeToolRunner();
  const settings = { approval: options.approval ?? 'auto', maxRounds: options.maxRounds ?? 10 };
  const warnings: string[] = [];
  /** Called with each posted message, after it is recorded (a test can act at an exact moment). */
  let onPost: (message: HostMessage) => void = () => undefined;
  // One session's memory of refusals, so no test sees another's.
  const toolsRefusals = new ServerRefusals();
  let n = 0;
  const deps: ChatControllerDeps = {
    post: (m) => {
      posted.push(m);
      onPost(m);
    },
    store,
    createSaver: () => ({ schedule: () => undefined, flush: async () => undefined }),
    stream: (request, opts) => streamChat(request, { ...opts, toolsRefusals }),
    settings: () => ({ baseUrl: server.url, model: MODEL, idleTimeoutMs: 5000, maxConversations: 200, systemPrompt: 'Be brief.' }),
    apiKey: async () => 'sk-test',
    models: async () => ({ models: options.models ?? [], source: 'catalog' }),
    initialModels: () => options.models ?? [],
    workspaceState: () => ({ trusted: true, tools: true, hasFolder: true }),
    suggestMentions: async () => [],
    resolveMentions: options.resolveMentions ?? (async () => []),
    tools: () => (options.tools === false ? undefined : { runner, maxRounds: settings.maxRounds, approval: settings.approval }),
    // Every editor action resolves to nothing: none is used here, and new ones need no change.
    actions: new Proxy({}, { get: () => async () => undefined }) as ChatControllerDeps['actions'],
    log: { info: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined, trace: () => undefined },
    lastActive: { get: () => undefined, set: () => undefined },
    newId: () => `id${++n}`,
    clock: systemClock,
  };
  const controller = new ChatController(deps);

  const send = (text: string, extra: { mentions?: Mention[]; conversationId?: string | null } = {}): Promise<void> =>
    controller.onMessage({ type: 'send', conversationId: extra.conversationId ?? null, text, model: MODEL, mentions: extra.mentions });
  const conversation = () => controller.activeConversation!;
  const assistants = () => conversation().messages.filter((m) => m.role === 'assistant') as StoredMessage[];
  const stop = () => controller.onMessage({ type: 'stop', conversationId: conversation().id });
  /** Resolves with the first posted message (already posted, or to come) that matches. */
  const waitForPost = <T extends HostMessage>(match: (m: HostMessage) => m is T, timeoutMs = 8000): Promise<T> =>
    new Promise((resolve, reject) => {
      const found = posted.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error('no such message was posted')), timeoutMs);
      const previous = onPost;
      onPost = (m) => {
        previous(m);
        if (match(m)) {
          clearTimeout(timer);
          resolve(m);
        }
      };
    });
  const waitForCall = (state: ToolCallView['state'], nth = 0) => {
    let seen = 0;
    return waitForPost((m): m is ToolCallMessage => m.type === 'toolCall' && m.call.state === state && seen++ === nth);
  };
  const approve = (m: ToolCallMessage, decision: ToolDecision) =>
    controller.onMessage({ type: 'toolApproval', conversationId: m.conversationId, messageId: m.messageId, callId: m.call.id!, decision });
  return {
    controller,
    posted,
    store,
    runner,
    settings,
    warnings,
    send,
    stop,
    conversation,
    assistants,
    waitForPost,
    waitForCall,
    approve,
    setOnPost: (f: (m: HostMessage) => void) => (onPost = f),
  };
}

type ToolCallMessage = Extract<HostMessage, { type: 'toolCall' }>;

const chatRequests = (): RecordedRequest[] => server.requests.filter((r) => r.route === '/chat/completions');

/** The model's text answer. */
const answer = (text: string): Reply => reply.stream([sse.role(), sse.content(text), sse.finish('stop', SAMPLE_USAGE)]);

/** A model that reads each of `paths` in turn, one per round, then answers `final`. */
function readsThenAnswers(paths: string[], final = 'Done reading.'): Reply {
  return reply.fromRequest((request) => {
    const round = toolResultsOf(request).length;
    if (round < paths.length && request.body?.tool_choice !== 'none') {
      return reply.toolCalls([{ name: 'read_file', arguments: { path: paths[round] } }], {
        content: round === 0 ? 'Let me look.' : undefined,
      });
    }
    return answer(final);
  });
}

/** The posted messages that tell the story of an answer, as short strings. */
function story(posted: HostMessage[]): string[] {
  return posted.flatMap((m) => {
    switch (m.type) {
      case 'streamStart':
        return [`start ${m.message.id}${m.userMessage ? ' +user' : ''}`];
      case 'streamEnd':
        return [`end ${m.messageId} ${m.status}${m.continues ? ' continues' : ''}`];
      case 'toolCall':
        return [`call ${m.messageId} ${m.call.name} ${m.call.state}`];
      case 'note':
        return [`note ${m.messageId}`];
      default:
        return [];
    }
  });
}

describe('chat tool rounds against the fake server', () => {
  it('several rounds: each its own assistant message, the results sent back in the documented form, the view told round by round', async () => {
    const t = setup();
    server.defaultReply = readsThenAnswers(['a.ts', 'b.ts'], 'Both files export x.');
    await t.send('What do a.ts and b.ts export?');

    const requests = chatRequests();
    assert.equal(requests.length, 3);
    assert.deepEqual(
      requests[0].body.tools.map((tool: { function: { name: string } }) => tool.function.name),
      ['read_file'],
    );
    assert.equal('tool_choice' in requests[0].body, false);
    assert.deepEqual(requests[1].body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What do a.ts and b.ts export?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [{ id: 'call_1_0', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1_0', content: 'contents of a.ts' },
    ]);
    assert.deepEqual(requests[2].body.messages.slice(4), [
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_2_0', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.ts"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_2_0', content: 'contents of b.ts' },
    ]);

    const [first, second, last] = t.assistants();
    assert.deepEqual(
      t.assistants().map((m) => [m.content, m.status]),
      [
        ['Let me look.', 'done'],
        ['', 'done'],
        ['Both files export x.', 'done'],
      ],
    );
    assert.deepEqual(first.toolCalls, [
      {
        index: 0,
        id: 'call_1_0',
        name: 'read_file',
        arguments: '{"path":"a.ts"}',
        state: 'done',
        output: 'contents of a.ts',
        summary: 'a.ts, 1 line',
        reads: [{ path: 'a.ts', startLine: 1, endLine: 1 }],
      },
    ]);
    assert.equal(second.toolCalls?.[0].output, 'contents of b.ts');
    assert.equal(last.toolCalls, undefined);
    assert.deepEqual(t.runner.runs, ['a.ts', 'b.ts']);

    assert.deepEqual(story(t.posted), [
      `start ${first.id} +user`,
      `call ${first.id} read_file running`,
      `call ${first.id} read_file done`,
      `end ${first.id} done continues`,
      `start ${second.id}`,
      `call ${second.id} read_file running`,
      `call ${second.id} read_file done`,
      `end ${second.id} done continues`,
      `start ${last.id}`,
      `end ${last.id} done`,
    ]);
    const shownCalls = t.posted.filter((m): m is ToolCallMessage => m.type === 'toolCall');
    assert.ok(
      shownCalls.every((m) => !('reads' in m.call)),
      'what was read is kept for the hand-off, not posted',
    );
    assert.equal(t.controller.isStreaming(t.conversation().id), false);
    assert.deepEqual(
      t.store.items.get(t.conversation().id)?.messages.map((m) => m.status),
      [undefined, 'done', 'done', 'done'],
      'every round is stored',
    );
  });

  it('a later question sends the earlier rounds back, complete', async () => {
    const t = setup();
    server.defaultReply = readsThenAnswers(['a.ts']);
    await t.send('one');
    server.defaultReply = answer('Sure.');
    await t.send('two', { conversationId: t.conversation().id });
    const last = chatRequests().at(-1)!;
    assert.deepEqual(
      last.body.messages.map((m: { role: string; content: string | null }) => [m.role, m.content]),
      [
        ['system', 'Be brief.'],
        ['user', 'one'],
        ['assistant', 'Let me look.'],
        ['tool', 'contents of a.ts'],
        ['assistant', 'Done reading.'],
        ['user', 'two'],
      ],
    );
  });

  it('after maxRounds rounds, one last request with tool_choice "none" and a note; calls made anyway are not run', async () => {
    const t = setup({ maxRounds: 2 });
    server.defaultReply = readsThenAnswers(['a.ts', 'b.ts', 'c.ts', 'd.ts'], 'With what I have: x.');
    await t.send('Read everything');
    const requests = chatRequests();
    assert.equal(requests.length, 3);
    assert.deepEqual(
      requests.map((r) => r.body.tool_choice),
      [undefined, undefined, 'none'],
    );
    assert.ok(requests[2].body.tools?.length, 'the tools still go along: the history holds tool calls');
    assert.deepEqual(t.runner.runs, ['a.ts', 'b.ts']);
    const last = t.assistants().at(-1)!;
    assert.equal(last.content, 'With what I have: x.');
    assert.deepEqual(last.notes, [roundLimitNote(2)]);
    assert.ok(t.posted.some((m) => m.type === 'note' && m.messageId === last.id && m.text === roundLimitNote(2)));

    // A model that ignores tool_choice "none": its calls are answered without running, and the answer ends.
    const stubborn = setup({ maxRounds: 1 });
    server.defaultReply = reply.toolCalls([{ name: 'read_file', arguments: { path: 'again.ts' } }]);
    await stubborn.send('Read forever');
    assert.equal(chatRequests().length, 5, 'two requests: one round, then the last one');
    assert.deepEqual(stubborn.runner.runs, ['again.ts']);
    const final = stubborn.assistants().at(-1)!;
    assert.equal(final.status, 'done');
    assert.equal(final.toolCalls?.[0].state, 'refused');
    assert.equal(final.toolCalls?.[0].output, NOT_RUN_AFTER_LIMIT_TEXT);
    assert.equal(stubborn.controller.isStreaming(stubborn.conversation().id), false);
  });

  describe('Stop', () => {
    it('while streaming: the partial round is stopped, its unfinished call cancelled, nothing runs, the server sees the close', async () => {
      const t = setup();
      const parts = toolCallParts([{ name: 'read_file', arguments: { path: 'a.ts' } }], ['call_x'], { content: 'Looking' });
      server.script(reply.stream(parts.slice(0, -2), { done: false, end: 'hang' })); // the arguments never finish
      const sending = t.send('q');
      await t.waitForPost((m): m is HostMessage => m.type === 'streamDelta' && m.toolCalls !== undefined);
      await t.stop();
      await sending;
      const [message] = t.assistants();
      assert.equal(message.status, 'stopped');
      assert.equal(message.content, 'Looking');
      assert.equal(message.toolCalls?.[0].state, 'cancelled');
      assert.deepEqual(t.runner.runs, []);
      assert.equal(chatRequests().length, 1);
      assert.deepEqual(await chatRequests()[0].closed, { byClient: true });
      assert.deepEqual(story(t.posted).slice(-2), [`call ${message.id} read_file cancelled`, `end ${message.id} stopped`]);
    });

    it('while a call waits for approval: the call is cancelled, the round stopped, and a late Allow changes nothing', async () => {
      const t = setup({ approval: 'ask' });
      server.defaultReply = readsThenAnswers(['a.ts']);
      const sending = t.send('q');
      const waiting = await t.waitForCall('waiting');
      await t.stop();
      await sending;
      const [message] = t.assistants();
      assert.equal(message.status, 'stopped');
      assert.equal(message.toolCalls?.[0].state, 'cancelled');
      assert.equal(message.toolCalls?.[0].output, undefined);
      assert.deepEqual(t.runner.runs, []);
      assert.equal(chatRequests().length, 1);
      assert.equal(t.posted.filter((m) => m.type === 'streamEnd').length, 1, 'one end for the one message');
      assert.equal(t.store.items.get(t.conversation().id)?.messages[1].toolCalls?.[0].state, 'cancelled', 'stored so');

      await t.approve(waiting, 'allow');
      assert.deepEqual(t.runner.runs, []);
      assert.match(t.warnings.at(-1) ?? '', /no longer waits/);

      // The next question tells the model that the call has no result (the history stays valid).
      server.defaultReply = answer('ok');
      await t.send('again', { conversationId: t.conversation().id });
      assert.deepEqual(toolResultsOf(chatRequests().at(-1)!), [{ role: 'tool', tool_call_id: 'call_1_0', content: NO_RESULT_TEXT }]);
    });

    it('while a tool runs: its signal aborts and the call is cancelled; a run that ignores the signal does not hold Stop up', async () => {
      for (const ignoresSignal of [false, true]) {
        const t = setup();
        let runSignal: AbortSignal | undefined;
        t.runner.runImpl = (_path, signal) => {
          runSignal = signal;
          return new Promise((_resolve, reject) => {
            if (!ignoresSignal) signal.addEventListener('abort', () => reject(new Error('aborted')));
          });
        };
        server.defaultReply = readsThenAnswers(['a.ts']);
        const sending = t.send('q');
        await t.waitForCall('running');
        await t.stop();
        await sending;
        assert.equal(runSignal?.aborted, true);
        const [message] = t.assistants();
        assert.equal(message.status, 'stopped');
        assert.equal(message.toolCalls?.[0].state, 'cancelled');
        assert.equal(t.assistants().length, 1);
        assert.equal(t.controller.isStreaming(t.conversation().id), false);
        server.reset();
      }
    });

    it('between rounds: the calls that finished keep their results, no next round starts', async () => {
      const t = setup();
      server.defaultReply = readsThenAnswers(['a.ts', 'b.ts']);
      t.setOnPost((m) => {
        if (m.type === 'toolCall' && m.call.state === 'done') void t.stop();
      });
      await t.send('q');
      assert.equal(chatRequests().length, 1);
      const [message] = t.assistants();
      assert.equal(t.assistants().length, 1);
      assert.equal(message.status, 'stopped');
      assert.equal(message.toolCalls?.[0].state, 'done');
      assert.equal(message.toolCalls?.[0].output, 'contents of a.ts');
    });

    it('while the next round waits for the server: that round is stopped, empty, and Retry asks the question again from the start', async () => {
      const t = setup();
      server.script([reply.toolCalls([{ name: 'read_file', arguments: { path: 'a.ts' } }]), reply.hang()]);
      const sending = t.send('q');
      await server.waitForRequests(2, 8000, '/chat/completions');
      await t.stop();
      await sending;
      assert.deepEqual(
        t.assistants().map((m) => [m.status, m.content]),
        [
          ['done', ''],
          ['stopped', ''],
        ],
      );
      assert.deepEqual(await chatRequests()[1].closed, { byClient: true });

      server.defaultReply = answer('Fresh answer.');
      await t.controller.onMessage({ type: 'retry', conversationId: t.conversation().id });
      assert.deepEqual(
        t.conversation().messages.map((m) => [m.role, m.content]),
        [
          ['user', 'q'],
          ['assistant', 'Fresh answer.'],
        ],
        'every round of the stopped answer is gone',
      );
      assert.deepEqual(
        chatRequests()
          .at(-1)!
          .body.messages.map((m: { role: string }) => m.role),
        ['system', 'user'],
      );
    });
  });

  describe('a server that does not take tools', () => {
    it('is asked again at once without them, remembered for that model, and the answer says so quietly', async () => {
      const t = setup();
      server.rejectTools = true;
      await t.send('q');
      assert.equal(chatRequests().length, 2);
      assert.ok(chatRequests()[0].body.tools);
      assert.equal('tools' in chatRequests()[1].body, false);
      const [first] = t.assistants();
      assert.equal(first.content, 'Hello from the fake Cline server.');
      assert.equal(first.status, 'done');
      assert.deepEqual(first.notes, [toolsRefusedNote()]);
      assert.ok(t.posted.some((m) => m.type === 'note' && m.messageId === first.id && m.text === toolsRefusedNote()));

      await t.send('q2', { conversationId: t.conversation().id });
      assert.equal(chatRequests().length, 3, 'remembered: no second refusal');
      assert.equal('tools' in chatRequests()[2].body, false);
      assert.deepEqual(t.assistants()[1].notes, [toolsRefusedNote()]);
    });

    it('gets the earlier tool rounds folded into text, never tool messages', async () => {
      const t = setup();
      server.defaultReply = readsThenAnswers(['a.ts'], 'a.ts exports x.');
      await t.send('one');
      server.reset();
      server.rejectTools = true;
      await t.send('two', { conversationId: t.conversation().id });
      const retried = chatRequests()[1];
      assert.equal('tools' in retried.body, false);
      const roles = retried.body.messages.map((m: { role: string }) => m.role);
      assert.deepEqual(roles, ['system', 'user', 'assistant', 'user']);
      assert.equal(
        retried.body.messages.some((m: { tool_calls?: unknown }) => m.tool_calls !== undefined),
        false,
      );
      assert.match(
        retried.body.messages[2].content,
        /Let me look\.[\s\S]*read_file \{"path":"a\.ts"\}[\s\S]*contents of a\.ts[\s\S]*a\.ts exports x\./,
      );
    });
  });

  describe('approval', () => {
    it('auto: calls run at once, without waiting', async () => {
      const t = setup({ approval: 'auto' });
      server.defaultReply = readsThenAnswers(['a.ts']);
      await t.send('q');
      assert.equal(
        t.posted.some((m) => m.type === 'toolCall' && m.call.state === 'waiting'),
        false,
      );
      assert.deepEqual(t.runner.runs, ['a.ts']);
    });

    it('ask: every call waits, showing its name and arguments; Allow runs that call only', async () => {
      const t = setup({ approval: 'ask' });
      server.defaultReply = readsThenAnswers(['a.ts', 'b.ts']);
      const sending = t.send('q');
      const first = await t.waitForCall('waiting', 0);
      assert.equal(first.call.name, 'read_file');
      assert.equal(first.call.arguments, '{"path":"a.ts"}');
      assert.deepEqual(t.runner.runs, [], 'nothing runs before the answer');
      await t.approve(first, 'allow');
      const second = await t.waitForCall('waiting', 1);
      assert.deepEqual(t.runner.runs, ['a.ts']);
      assert.notEqual(second.messageId, first.messageId);
      await t.approve(second, 'allow');
      await sending;
      assert.deepEqual(t.runner.runs, ['a.ts', 'b.ts']);
      assert.equal(t.assistants().at(-1)!.content, 'Done reading.');
    });

    it('Allow for This Conversation: later calls of this conversation run at once; another conversation asks again', async () => {
      const t = setup({ approval: 'ask' });
      server.defaultReply = readsThenAnswers(['a.ts', 'b.ts', 'c.ts']);
      const sending = t.send('q');
      await t.approve(await t.waitForCall('waiting', 0), 'allowConversation');
      await sending;
      assert.deepEqual(t.runner.runs, ['a.ts', 'b.ts', 'c.ts']);
      assert.equal(t.posted.filter((m) => m.type === 'toolCall' && m.call.state === 'waiting').length, 1);

      await t.controller.onMessage({ type: 'newChat' });
      const other = t.send('in a new chat');
      await t.waitForCall('waiting', 1);
      assert.deepEqual(t.runner.runs, ['a.ts', 'b.ts', 'c.ts']);
      await t.stop();
      await other;
    });

    it('a protected file always asks, in auto mode and after Allow for This Conversation, and runs on an explicit Allow', async () => {
      const t = setup({ approval: 'auto' });
      server.defaultReply = readsThenAnswers(['.env', '.env', 'a.ts']);
      const sending = t.send('q');
      const first = await t.waitForCall('waiting', 0);
      assert.match(first.call.summary ?? '', /\.env is a protected file/);
      await t.approve(first, 'allowConversation');
      const second = await t.waitForCall('waiting', 1);
      assert.deepEqual(t.runner.runs, ['.env'], 'the first ran; the second waits despite the conversation grant');
      await t.approve(second, 'allow');
      await sending;
      assert.deepEqual(t.runner.runs, ['.env', '.env', 'a.ts']);
      assert.equal(t.posted.filter((m) => m.type === 'toolCall' && m.call.state === 'waiting').length, 2, 'a.ts did not wait');
    });

    it('Deny: the call does not run and the model is told the user declined', async () => {
      const t = setup({ approval: 'ask' });
      server.defaultReply = readsThenAnswers(['a.ts'], 'Fine, without it.');
      const sending = t.send('q');
      await t.approve(await t.waitForCall('waiting'), 'deny');
      await sending;
      assert.deepEqual(t.runner.runs, []);
      const [message] = t.assistants();
      assert.equal(message.toolCalls?.[0].state, 'denied');
      // No summary of its own, so the view names what was asked for (the path) beside "denied".
      assert.equal(message.toolCalls?.[0].summary, undefined);
      assert.deepEqual(toolResultsOf(chatRequests()[1]), [{ role: 'tool', tool_call_id: 'call_1_0', content: DECLINED_TEXT }]);
      assert.equal(t.assistants().at(-1)!.content, 'Fine, without it.');
    });

    it('a refused call (outside the workspace) is answered at once, without asking, and the answer goes on', async () => {
      const t = setup({ approval: 'ask' });
      server.defaultReply = readsThenAnswers(['../secret.txt'], 'I cannot read that.');
      await t.send('q');
      const [message] = t.assistants();
      assert.equal(message.toolCalls?.[0].state, 'refused');
      assert.equal(
        t.posted.some((m) => m.type === 'toolCall' && m.call.state === 'waiting'),
        false,
      );
      assert.deepEqual(toolResultsOf(chatRequests()[1]), [
        { role: 'tool', tool_call_id: 'call_1_0', content: '../secret.txt is outside the workspace.' },
      ]);
      assert.equal(t.assistants().at(-1)!.content, 'I cannot read that.');
    });

    it('a tool that fails gives a failed call, and the model gets the reason', async () => {
      const t = setup();
      t.runner.runImpl = async () => {
        throw new Error('EACCES: permission denied');
      };
      server.defaultReply = readsThenAnswers(['a.ts']);
      await t.send('q');
      assert.equal(t.assistants()[0].toolCalls?.[0].state, 'failed');
      assert.equal(toolResultsOf(chatRequests()[1])[0].content, 'The tool failed: EACCES: permission denied');
    });
  });

  describe('which models get tools', () => {
    const toolsSent = () => chatRequests().map((r) => 'tools' in r.body);

    it('a model the catalog lists without tools gets none; a listed one with tools and an unknown one get them', async () => {
      const models: ModelInfo[] = [
        { id: MODEL, name: 'Sonnet', supportsTools: false },
        { id: 'openai/gpt-4o', name: 'GPT-4o', supportsTools: true },
      ];
      const t = setup({ models });
      await t.controller.onReady();
      await t.send('q');
      for (const model of ['openai/gpt-4o', 'some/unknown-model']) {
        await t.controller.onMessage({ type: 'send', conversationId: null, text: 'q', model });
      }
      assert.deepEqual(toolsSent(), [false, true, true]);
    });

    it('tools off (the setting, Restricted Mode): no tools in the request, and calls the model makes anyway are not run', async () => {
      const t = setup({ tools: false });
      server.defaultReply = reply.toolCalls([{ name: 'read_file', arguments: { path: 'a.ts' } }]);
      await t.send('q');
      assert.deepEqual(toolsSent(), [false]);
      assert.deepEqual(t.runner.runs, []);
      assert.deepEqual(
        t.assistants().map((m) => [m.status, m.toolCalls?.[0].state, m.toolCalls?.[0].output]),
        [['done', 'refused', NOT_RUN_WITHOUT_TOOLS_TEXT]],
      );
    });

    it('a failure of the tools themselves ends the answer with an error; the view is never left waiting', async () => {
      const t = setup();
      t.runner.definitions = () => {
        throw new Error('the index is gone');
      };
      await t.send('q');
      const [message] = t.assistants();
      assert.equal(message.status, 'error');
      assert.match(message.error?.message ?? '', /the index is gone/);
      assert.deepEqual(story(t.posted).at(-1), `end ${message.id} error`);
      assert.equal(t.controller.isStreaming(t.conversation().id), false);
    });
  });

  describe('@ mentions', () => {
    it('are read when the message is sent and stored as its context; the model gets their code and notes', async () => {
      const seen: Mention[][] = [];
      const chip: ContextChip = {
        id: 'm1',
        label: 'src/big.ts:1-100',
        language: 'typescript',
        code: 'export const x = 1;',
        mention: 'file',
        note: 'cut: 120 KB of 300 KB',
      };
      const t = setup({
        tools: false,
        resolveMentions: async (mentions) => {
          seen.push(mentions);
          return [chip];
        },
      });
      const mentions: Mention[] = [{ kind: 'file', path: 'src/big.ts', label: '@src/big.ts' }];
      await t.send('Explain @src/big.ts', { mentions });
      assert.deepEqual(seen, [mentions]);
      assert.deepEqual(t.conversation().messages[0].context, [chip]);
      assert.equal(
        chatRequests()[0].body.messages[1].content,
        'Explain @src/big.ts\n\nsrc/big.ts:1-100 (cut: 120 KB of 300 KB):\n```typescript\nexport const x = 1;\n```',
      );
    });

    it('that cannot be read do not lose the question: it goes without them, with a note', async () => {
      const t = setup({
        tools: false,
        resolveMentions: async () => {
          throw new Error('no workspace folder');
        },
      });
      await t.send('Explain', { mentions: [{ kind: 'selection', label: '@selection' }] });
      const [user] = t.conversation().messages;
      assert.equal(user.context, undefined);
      assert.deepEqual(user.notes, ['The @ mentions could not be read (no workspace folder): sent without them.']);
      assert.equal(chatRequests()[0].body.messages[1].content, 'Explain');
    });

    it('a question made only of mentions is named after them', async () => {
      const t = setup({ tools: false });
      await t.send('', {
        mentions: [
          { kind: 'file', path: 'src/a.ts', label: '@src/a.ts' },
          { kind: 'problems', label: '@problems' },
        ],
      });
      assert.equal(t.conversation().title, '@src/a.ts @problems');
    });
  });
});
