import { strict as assert } from 'node:assert';
import { userContent } from '../../../src/core/chat/requestMessages';
import { ChatController, titleFrom, type ChatControllerDeps, type ChatControllerSettings } from '../../../src/core/chat/chatController';
import type { ChatEvent } from '../../../src/core/chat/client';
import { systemClock } from '../../../src/core/clock';
import { ChatError } from '../../../src/core/chat/errors';
import { streamChat } from '../../../src/core/chat/client';
import { CLINE_BASE_URL, ModelCatalog } from '../../../src/core/chat/models';
import type { HostMessage } from '../../../src/protocol/chatProtocol';
import { useFakeClineServer, type FakeClineServer } from '../../fixtures/fakeClineServer';
import { MemoryStore } from './memoryStore';

type Script = (signal: AbortSignal) => AsyncIterable<ChatEvent>;

function setup(
  options: { key?: string; script?: Script; stream?: ChatControllerDeps['stream']; settings?: Partial<ChatControllerSettings> } = {},
) {
  const posted: HostMessage[] = [];
  const store = new MemoryStore();
  const requests: { model: string; messages: { role: string; content: string | null }[] }[] = [];
  const calls: string[] = [];
  let n = 0;
  let lastActive: string | undefined;
  const deps: ChatControllerDeps = {
    post: (m) => posted.push(m),
    store,
    createSaver: () => ({ schedule: () => undefined, flush: async () => undefined }),
    stream: (request, opts) => {
      requests.push({ model: request.model, messages: request.messages });
      if (options.stream) return options.stream(request, opts);
      return (
        options.script ??
        async function* () {
          yield { type: 'content', text: 'ok' } as ChatEvent;
        }
      )(opts.signal!);
    },
    settings: () => ({
      baseUrl: 'http://127.0.0.1:1',
      model: 'anthropic/claude-sonnet-4-6',
      idleTimeoutMs: 1000,
      maxConversations: 200,
      systemPrompt: 'Be brief.',
      ...options.settings,
    }),
    apiKey: async () => ('key' in options ? options.key : 'k'),
    models: async () => ({ models: [], source: 'fallback' }),
    initialModels: () => [],
    workspaceState: () => ({ trusted: true, tools: true, hasFolder: true }),
    suggestMentions: async () => [],
    resolveMentions: async () => [],
    tools: () => undefined,
    actions: {
      copy: async (t) => void calls.push(`copy:${t}`),
      insertAtCursor: async (c) => calls.push(`insert:${c}`),
      openInEditor: async (c, l) => void calls.push(`open:${l}:${c}`),
      openLink: async (h) => calls.push(`link:${h}`),
      setApiKey: async () => calls.push('setApiKey'),
      openWalkthrough: async () => calls.push('openWalkthrough'),
      continueInCline: async (p) => {
        calls.push(`cline:${p}`);
        return true;
      },
    },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined },
    lastActive: {
      get: () => lastActive,
      set: (id) => {
        lastActive = id;
      },
    },
    newId: () => `id${++n}`,
    clock: { ...systemClock, now: () => 1000 + n },
  };
  return { controller: new ChatController(deps), posted, store, requests, calls, getLastActive: () => lastActive };
}

describe('ChatController', () => {
  it('send: records the user turn, streams the answer, saves it, and posts streamStart/streamEnd', async () => {
    const { controller, posted, store, requests } = setup();
    await controller.onMessage({ type: 'send', conversationId: null, text: 'What is 2+2?', model: 'openai/gpt-4o' });
    const start = posted.find((m) => m.type === 'streamStart');
    assert.ok(start?.type === 'streamStart' && start.userMessage?.content === 'What is 2+2?');
    const end = posted.find((m) => m.type === 'streamEnd');
    assert.ok(end?.type === 'streamEnd' && end.status === 'done');
    assert.equal(requests[0].model, 'openai/gpt-4o');
    assert.deepEqual(requests[0].messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2+2?' },
    ]);
    const saved = [...store.items.values()][0];
    assert.equal(saved.title, 'What is 2+2?');
    assert.deepEqual(
      saved.messages.map((m) => [m.role, m.content, m.status]),
      [
        ['user', 'What is 2+2?', undefined],
        ['assistant', 'ok', 'done'],
      ],
    );
  });

  it('a second send continues the same conversation with the earlier turns', async () => {
    const { controller, requests } = setup();
    await controller.onMessage({ type: 'send', conversationId: null, text: 'one', model: 'openai/gpt-4o' });
    const id = controller.activeConversation!.id;
    await controller.onMessage({ type: 'send', conversationId: id, text: 'two', model: 'openai/gpt-4o' });
    assert.deepEqual(
      requests[1].messages.map((m) => m.content),
      ['Be brief.', 'one', 'ok', 'two'],
    );
  });

  it('without a key, on the Cline API, stores the question and ends with a noApiKey error (nothing is lost, nothing is sent)', async () => {
    const { controller, posted, store, requests } = setup({ key: undefined, settings: { baseUrl: CLINE_BASE_URL } });
    await controller.onMessage({ type: 'send', conversationId: null, text: 'keep me', model: 'openai/gpt-4o' });
    assert.equal(requests.length, 0);
    const end = posted.find((m) => m.type === 'streamEnd');
    assert.ok(end?.type === 'streamEnd' && end.error?.kind === 'noApiKey' && end.error.retryable);
    assert.equal([...store.items.values()][0].messages[0].content, 'keep me');
  });

  it('without a key, another server (llama.cpp, Ollama…) is asked with no key at all', async () => {
    let sentKey: string | undefined = 'not called';
    const { controller, posted } = setup({
      key: undefined,
      settings: { baseUrl: 'http://127.0.0.1:8080/v1' },
      stream: async function* (request) {
        sentKey = request.apiKey;
        yield { type: 'content', text: 'hi' } as ChatEvent;
      },
    });
    await controller.onMessage({ type: 'send', conversationId: null, text: 'q', model: 'llama3' });
    assert.equal(sentKey, undefined);
    const end = posted.find((m) => m.type === 'streamEnd');
    assert.ok(end?.type === 'streamEnd' && end.status === 'done', JSON.stringify(end));
  });

  it('tells the view whether the server needs a key, at init and when the base URL or the key changes', async () => {
    const settings: Partial<ChatControllerSettings> = { baseUrl: CLINE_BASE_URL };
    const { controller, posted } = setup({ key: undefined, settings });
    await controller.onReady();
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.keyRequired === true && init.hasApiKey === false);
    settings.baseUrl = 'http://localhost:11434/v1';
    await controller.apiKeyChanged();
    assert.deepEqual(posted.at(-1), { type: 'apiKey', hasApiKey: false, keyRequired: false });
  });

  it('stop aborts the stream: the partial answer is kept and marked stopped', async () => {
    let release!: () => void;
    const { controller, posted } = setup({
      script: async function* (signal) {
        yield { type: 'content', text: 'partial' };
        await new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve());
        });
        if (signal.aborted) throw new ChatError({ kind: 'aborted', message: 'stopped', retryable: false });
      },
    });
    const sending = controller.onMessage({ type: 'send', conversationId: null, text: 'go', model: 'openai/gpt-4o' });
    await new Promise((r) => setTimeout(r, 10));
    const id = controller.activeConversation!.id;
    assert.equal(controller.isStreaming(id), true);
    await controller.onMessage({ type: 'stop', conversationId: id });
    await sending;
    void release;
    const end = posted.find((m) => m.type === 'streamEnd');
    assert.ok(end?.type === 'streamEnd' && end.status === 'stopped');
    assert.equal(controller.activeConversation!.messages.at(-1)!.content, 'partial');
  });

  it('an error keeps the partial text and posts the typed error; retry replaces the failed answer', async () => {
    let attempt = 0;
    const { controller, posted, requests } = setup({
      script: async function* () {
        attempt++;
        yield { type: 'content', text: `try${attempt}` };
        if (attempt === 1) throw new ChatError({ kind: 'midstream', code: 'server_error', message: 'boom', retryable: true });
      },
    });
    await controller.onMessage({ type: 'send', conversationId: null, text: 'q', model: 'openai/gpt-4o' });
    const conv = controller.activeConversation!;
    assert.equal(conv.messages.at(-1)!.status, 'error');
    assert.equal(conv.messages.at(-1)!.content, 'try1');
    assert.equal(conv.messages.at(-1)!.error?.code, 'server_error');
    await controller.onMessage({ type: 'retry', conversationId: conv.id });
    assert.equal(conv.messages.length, 2, 'the failed answer was replaced, not added to');
    assert.equal(conv.messages.at(-1)!.content, 'try2');
    assert.equal(conv.messages.at(-1)!.status, 'done');
    assert.deepEqual(
      requests[1].messages.map((m) => m.content),
      ['Be brief.', 'q'],
      'the failed answer is not sent back',
    );
    assert.ok(posted.some((m) => m.type === 'conversation'));
  });

  it('chips are sent as fenced blocks with their label, then cleared', async () => {
    const { controller, posted, requests } = setup();
    controller.attachChip({ id: 'c1', label: 'src/a.ts:1-3', language: 'typescript', code: 'const a = "```";' });
    await controller.onMessage({ type: 'send', conversationId: null, text: 'Explain', model: 'openai/gpt-4o' });
    assert.equal(requests[0].messages.at(-1)!.content, 'Explain\n\nsrc/a.ts:1-3:\n````typescript\nconst a = "```";\n````');
    assert.deepEqual(posted.filter((m) => m.type === 'chips').at(-1), { type: 'chips', chips: [] });
    const shown = posted.find((m) => m.type === 'streamStart');
    assert.ok(shown?.type === 'streamStart');
    assert.equal(shown.userMessage?.content, 'Explain', 'the view shows the typed text; the code travels as the chip');
    assert.equal(shown.userMessage?.context?.[0].label, 'src/a.ts:1-3');
  });

  it('rejects an invalid model id from the view, and remembers a valid one for the next new chat', async () => {
    const { controller, requests } = setup();
    // Unusable ids (blank, a pasted line break); an id with spaces or without a provider is a real id elsewhere.
    await controller.onMessage({ type: 'setModel', conversationId: null, model: '   ' });
    await controller.onMessage({ type: 'setModel', conversationId: null, model: 'z-ai/glm-5' });
    await controller.onMessage({ type: 'send', conversationId: null, text: 'hi', model: 'bad\nmodel id' });
    assert.equal(requests[0].model, 'z-ai/glm-5');
  });

  it('a refused model id is never silent: the view is told why and which model is used instead', async () => {
    const { controller, posted, requests } = setup();
    await controller.onMessage({ type: 'setModel', conversationId: null, model: '  ' });
    assert.deepEqual(
      posted.filter((m) => m.type === 'modelRefused'),
      [{ type: 'modelRefused', model: '  ', reason: 'The model id is empty.', using: 'anthropic/claude-sonnet-4-6' }],
    );
    await controller.onMessage({ type: 'send', conversationId: null, text: 'hi', model: 'two\nlines' });
    const refused = posted.filter((m) => m.type === 'modelRefused').at(-1);
    assert.ok(refused?.type === 'modelRefused');
    assert.match(refused.reason, /control character/);
    assert.equal(refused.using, 'anthropic/claude-sonnet-4-6');
    assert.equal(requests[0].model, 'anthropic/claude-sonnet-4-6');
    const start = posted.find((m) => m.type === 'streamStart');
    assert.ok(
      start?.type === 'streamStart' && start.message.model === 'anthropic/claude-sonnet-4-6',
      'the answer is labelled with the model really used',
    );
  });

  it('a chat.model setting that cannot be an id is replaced by the default, and the view is told', async () => {
    const { controller, posted, requests } = setup({ settings: { model: '' } });
    await controller.onReady();
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.defaultModel === 'anthropic/claude-sonnet-4-6');
    assert.deepEqual(
      posted.filter((m) => m.type === 'modelRefused'),
      [{ type: 'modelRefused', model: '', reason: 'The model id is empty.', using: 'anthropic/claude-sonnet-4-6' }],
    );
    await controller.onMessage({ type: 'send', conversationId: null, text: 'hi', model: '' });
    assert.equal(requests[0].model, 'anthropic/claude-sonnet-4-6');
  });

  it('search replies to the request id; rename and delete update the list; continueInCline hands off a transcript', async () => {
    const { controller, posted, calls, store } = setup();
    await controller.onMessage({ type: 'send', conversationId: null, text: 'Closures in JS', model: 'openai/gpt-4o' });
    const id = controller.activeConversation!.id;
    await controller.onMessage({ type: 'search', requestId: 7, query: 'closure' });
    const r = posted.find((m) => m.type === 'reply');
    assert.ok(r?.type === 'reply' && r.requestId === 7 && r.ok && Array.isArray(r.result) && (r.result as unknown[]).length === 1);
    await controller.onMessage({ type: 'renameConversation', id, title: '  Renamed  ' });
    assert.equal(store.items.get(id)!.title, 'Renamed');
    await controller.onMessage({ type: 'continueInCline', conversationId: id });
    assert.match(
      calls.find((c) => c.startsWith('cline:'))!,
      /Closures in JS/,
    );
    await controller.onMessage({ type: 'deleteConversation', id });
    assert.equal(store.items.size, 0);
    assert.equal(controller.activeConversation, undefined);
  });

  it("the empty state's links reach the host: Set API Key and Get Started, and nothing is posted back", async () => {
    const { controller, posted, calls } = setup();
    await controller.onMessage({ type: 'setApiKey' });
    await controller.onMessage({ type: 'openWalkthrough' });
    assert.deepEqual(calls, ['setApiKey', 'openWalkthrough']);
    assert.deepEqual(posted, []);
  });

  it('answers a request whose handler fails: ok:false with a message the view shows, never silence', async () => {
    const { controller, posted, store } = setup();
    store.search = async () => {
      throw new Error('EACCES: permission denied');
    };
    await controller.onMessage({ type: 'search', requestId: 9, query: 'closure' });
    assert.deepEqual(
      posted.filter((m) => m.type === 'reply'),
      [{ type: 'reply', requestId: 9, ok: false, error: 'Searching the conversations failed: EACCES: permission denied' }],
    );
  });

  it('remembers the open conversation and restores it on the first ready after a reload', async () => {
    const first = setup();
    await first.controller.onMessage({ type: 'send', conversationId: null, text: 'persist me', model: 'openai/gpt-4o' });
    const id = first.getLastActive();
    assert.ok(id);
    const second = setup();
    for (const [k, v] of first.store.items) second.store.items.set(k, v);
    (second.controller as unknown as { deps: ChatControllerDeps }).deps.lastActive.set(id);
    await second.controller.onReady();
    const init = second.posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init' && init.active?.id === id);
  });

  it('titleFrom and userContent', () => {
    assert.equal(titleFrom('  first line\nsecond'), 'first line');
    assert.equal(titleFrom('x'.repeat(100)).length, 60);
    assert.equal(userContent('plain', []), 'plain');
  });
});

/** Ids as real OpenAI-compatible servers list them in `GET /v1/models`. */
const SERVER_MODEL_IDS = [
  '/models/qwen2.5-7b-instruct-q4_k_m.gguf', // llama.cpp llama-server started with -m /models/…
  'qwen2.5-7b-instruct-q4_k_m.gguf', // llama-server started from the model's folder
  'llama3.2:3b', // Ollama
  'Qwen/Qwen2.5-7B-Instruct', // vLLM
  'lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', // LM Studio
  'qwen2.5-coder-7b-instruct', // LM Studio's short ids
  '@cf/meta/llama-3.1-8b-instruct', // Cloudflare Workers AI
];

describe('ChatController with a real client and the fake server: the chosen model is the one sent', () => {
  let server: FakeClineServer;
  useFakeClineServer((started) => (server = started));

  /** A controller that really talks to the fake server, as a local llama-server would be talked to. */
  function againstServer() {
    return setup({
      settings: { baseUrl: `${server.origin}/v1` },
      stream: (request, opts) => streamChat(request, { ...opts, idleTimeoutMs: 5000 }),
    });
  }

  it('every id the server’s /models lists, picked in the view, goes out exactly as listed and labels the answer', async () => {
    // llama.cpp's shape: {object: "list", data: [{id, object: "model", owned_by, created, meta}]}.
    server.catalog = {
      object: 'list',
      data: SERVER_MODEL_IDS.map((id) => ({ id, object: 'model', owned_by: 'llamacpp', created: 1, meta: { n_params: 7e9 } })),
    };
    const catalog = new ModelCatalog({ fetch, now: () => 0, cache: { get: () => undefined, set: () => undefined } });
    const { models, source } = await catalog.load(`${server.origin}/v1`, 'k');
    assert.equal(source, 'catalog');
    assert.deepEqual(
      models.map((m) => m.id),
      SERVER_MODEL_IDS,
    );
    for (const { id } of models) {
      const { controller, posted } = againstServer();
      await controller.onMessage({ type: 'setModel', conversationId: null, model: id });
      await controller.onMessage({ type: 'send', conversationId: null, text: 'hi', model: id });
      const sent = server.requests.filter((r) => r.route === '/chat/completions').at(-1);
      assert.equal(sent?.body.model, id, `the request carries ${id}`);
      assert.equal(
        posted.some((m) => m.type === 'modelRefused'),
        false,
        `${id} is not refused`,
      );
      const start = posted.find((m) => m.type === 'streamStart');
      assert.ok(start?.type === 'streamStart' && start.message.model === id, `the answer is labelled ${id}`);
      assert.equal(controller.activeConversation?.model, id);
    }
  });

  it('a plain id typed by the user (llama3) is sent as typed, in a new chat and after switching', async () => {
    const { controller } = againstServer();
    await controller.onMessage({ type: 'send', conversationId: null, text: 'one', model: 'llama3' });
    const id = controller.activeConversation!.id;
    await controller.onMessage({ type: 'setModel', conversationId: id, model: 'mistral-nemo:12b' });
    await controller.onMessage({ type: 'send', conversationId: id, text: 'two', model: 'mistral-nemo:12b' });
    const sent = await server.waitForRequests(2, 5000, '/chat/completions');
    assert.deepEqual(
      sent.map((r) => r.body.model),
      ['llama3', 'mistral-nemo:12b'],
    );
  });
});
