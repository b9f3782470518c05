import assert from 'node:assert/strict';
import {
  CATALOG_TTL_MS,
  CLINE_BASE_URL,
  FALLBACK_MODELS,
  ModelCatalog,
  catalogUrl,
  parseCatalog,
  type CatalogCacheEntry,
} from '../../../src/core/chat/models';
import { isUsableModelId } from '../../../src/protocol/modelId';
import { SAMPLE_CATALOG, reply, useFakeClineServer, type FakeClineServer } from '../../fixtures/fakeClineServer';

describe('catalogUrl', () => {
  it('uses Cline’s own catalog for the Cline base URL, with or without a trailing slash', () => {
    assert.equal(catalogUrl(CLINE_BASE_URL), 'https://api.cline.bot/api/v1/ai/cline/models');
    assert.equal(catalogUrl('https://api.cline.bot/api/v1/'), 'https://api.cline.bot/api/v1/ai/cline/models');
    assert.equal(catalogUrl(' https://API.cline.bot/api/v1// '), 'https://api.cline.bot/api/v1/ai/cline/models');
  });
  it('uses {baseUrl}/models for any other server', () => {
    assert.equal(catalogUrl('https://openrouter.ai/api/v1/'), 'https://openrouter.ai/api/v1/models');
    assert.equal(catalogUrl('http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080/v1/models');
  });
});

describe('parseCatalog', () => {
  it('reads id, name, context length, whether it takes tools, and marks zero-priced models free', () => {
    assert.deepEqual(parseCatalog(SAMPLE_CATALOG), [
      { id: 'anthropic/claude-sonnet-4-6', name: 'Anthropic: Claude Sonnet 4.6', contextLength: 1_000_000, supportsTools: true },
      { id: 'openai/gpt-4o', name: 'OpenAI: GPT-4o', contextLength: 128_000, supportsTools: true },
      { id: 'minimax/minimax-m2.5', name: 'MiniMax: MiniMax M2.5 (free)', free: true, contextLength: 204_800, supportsTools: false },
    ]);
  });

  it('knows whether a model takes tools only from a supported_parameters list', () => {
    assert.deepEqual(
      parseCatalog([
        { id: 'a/tools', supported_parameters: ['tools', 'tool_choice'] },
        { id: 'b/none', supported_parameters: [] },
        { id: 'c/choice-only', supported_parameters: ['tool_choice'] },
        { id: 'd/unknown' },
        { id: 'e/junk', supported_parameters: 'tools' },
      ]).map((m) => [m.id, m.supportsTools]),
      [
        ['a/tools', true],
        ['b/none', false],
        ['c/choice-only', false],
        ['d/unknown', undefined],
        ['e/junk', undefined],
      ],
    );
  });

  it('is tolerant: bare arrays, missing names, numeric prices, junk entries, duplicates', () => {
    assert.deepEqual(
      parseCatalog([
        { id: 'a/one', pricing: { prompt: 0, completion: 0 } },
        { id: 'a/one', name: 'duplicate' },
        { name: 'no id' },
        null,
        'text',
        { id: 'b/two', name: '', pricing: { prompt: '0', completion: '0.1' }, context_length: 'big' },
        { id: 'c/three', pricing: { prompt: '', completion: '' } },
      ]),
      [
        { id: 'a/one', name: 'a/one', free: true },
        { id: 'b/two', name: 'b/two' },
        { id: 'c/three', name: 'c/three' },
      ],
    );
    assert.deepEqual(parseCatalog({ nothing: true }), []);
    assert.deepEqual(parseCatalog({ data: [{ id: '   ' }, { id: 'two\nlines' }, { id: '/models/q.gguf' }] }), [
      { id: '/models/q.gguf', name: '/models/q.gguf' },
    ]);
    assert.deepEqual(parseCatalog(null), []);
  });
});

describe('FALLBACK_MODELS', () => {
  it('holds the docs’ examples and the free models, labelled free', () => {
    assert.deepEqual(
      FALLBACK_MODELS.map((m) => m.id),
      [
        'anthropic/claude-sonnet-4-6',
        'anthropic/claude-sonnet-4-5',
        'google/gemini-2.5-pro',
        'openai/gpt-4o',
        'minimax/minimax-m2.5',
        'kwaipilot/kat-coder-pro',
        'z-ai/glm-5',
      ],
    );
    assert.deepEqual(
      FALLBACK_MODELS.filter((m) => m.free).map((m) => m.id),
      ['minimax/minimax-m2.5', 'kwaipilot/kat-coder-pro', 'z-ai/glm-5'],
    );
    assert.ok(FALLBACK_MODELS.every((m) => isUsableModelId(m.id) && m.name.length > 0));
  });
});

describe('ModelCatalog', () => {
  let server: FakeClineServer;
  useFakeClineServer((started) => (server = started));

  /** A catalog on a fake clock and an in-memory cache. */
  function setup(fetchImpl: typeof fetch = fetch) {
    const clock = { now: 1_000_000 };
    let stored: CatalogCacheEntry | undefined;
    const writes: CatalogCacheEntry[] = [];
    const catalog = new ModelCatalog({
      fetch: fetchImpl,
      now: () => clock.now,
      cache: {
        get: () => stored,
        set: (value) => {
          stored = value;
          writes.push(value);
        },
      },
    });
    return {
      catalog,
      clock,
      writes,
      store: (value: CatalogCacheEntry | undefined) => {
        stored = value;
      },
    };
  }

  it('fetches {baseUrl}/models with the bearer key and caches the result with the base URL', async () => {
    const { catalog, writes } = setup();
    const result = await catalog.load(`${server.url}/`, 'sk-test');
    assert.equal(result.source, 'catalog');
    assert.deepEqual(result.models, parseCatalog(SAMPLE_CATALOG));
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.requests[0].path, '/api/v1/models');
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-test');
    assert.deepEqual(writes, [{ fetchedAt: 1_000_000, baseUrl: server.url, models: result.models }]);
  });

  it('asks Cline’s public catalog without the key', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
      return new Response(JSON.stringify(SAMPLE_CATALOG), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const { catalog } = setup(fakeFetch);
    const result = await catalog.load('https://api.cline.bot/api/v1/', 'sk-secret');
    assert.equal(result.source, 'catalog');
    assert.equal(seen.length, 1);
    assert.equal(seen[0].url, 'https://api.cline.bot/api/v1/ai/cline/models');
    assert.equal(seen[0].headers.Authorization, undefined);
  });

  it('serves the cache for 24 hours, then fetches again', async () => {
    const { catalog, clock } = setup();
    await catalog.load(server.url);
    clock.now += CATALOG_TTL_MS - 1;
    server.catalog = { data: [{ id: 'new/model', name: 'New' }] };
    const cached = await catalog.load(server.url);
    assert.equal(server.requests.length, 1);
    assert.equal(cached.models.length, 3);
    clock.now += 1;
    const fresh = await catalog.load(server.url);
    assert.equal(server.requests.length, 2);
    assert.deepEqual(fresh.models, [{ id: 'new/model', name: 'New' }]);
  });

  it('keeps the cache per base URL', async () => {
    const { catalog } = setup();
    await catalog.load(server.url);
    await catalog.load(server.origin); // another base URL: the cache does not apply
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1].path, '/models');
  });

  it('refetches when forced', async () => {
    const { catalog } = setup();
    await catalog.load(server.url);
    await catalog.load(server.url, undefined, { force: true });
    assert.equal(server.requests.length, 2);
  });

  it('falls back to the built-in list when the catalog fails and nothing is cached', async () => {
    const { catalog, writes } = setup();
    server.script(reply.error(500, 'down'), { path: '/models' });
    const result = await catalog.load(server.url);
    assert.deepEqual(result, { models: [...FALLBACK_MODELS], source: 'fallback' });
    assert.deepEqual(writes, []);
  });

  it('falls back on a network error, an unreadable body and an empty list', async () => {
    const failing = [
      (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      (async () => new Response('<html>', { status: 200 })) as typeof fetch,
      (async () => new Response('{"data":[]}', { status: 200 })) as typeof fetch,
    ];
    for (const fetchImpl of failing) {
      const { catalog } = setup(fetchImpl);
      assert.equal((await catalog.load(server.url)).source, 'fallback');
    }
  });

  it('prefers a stale cache of the same base URL to the fallback', async () => {
    const { catalog, store, clock } = setup();
    const old = [{ id: 'old/model', name: 'Old' }];
    store({ fetchedAt: clock.now - 3 * CATALOG_TTL_MS, baseUrl: server.url, models: old });
    server.script(reply.error(503, 'down'), { path: '/models' });
    const result = await catalog.load(server.url);
    assert.deepEqual(result, { models: old, source: 'catalog', stale: true });
    assert.equal(server.requests.length, 1, 'it did try to refresh');
  });

  it('does not use a stale cache of another base URL', async () => {
    const { catalog, store, clock } = setup();
    store({ fetchedAt: clock.now, baseUrl: 'https://elsewhere.test/v1', models: [{ id: 'x/y', name: 'X' }] });
    server.script(reply.error(503, 'down'), { path: '/models' });
    assert.equal((await catalog.load(server.url)).source, 'fallback');
  });

  it('still returns the list when the cache cannot be written', async () => {
    const catalog = new ModelCatalog({
      fetch,
      now: () => 0,
      cache: {
        get: () => undefined,
        set: async () => {
          throw new Error('disk full');
        },
      },
    });
    const result = await catalog.load(server.url);
    assert.equal(result.source, 'catalog');
    assert.equal(result.models.length, 3);
  });
});
