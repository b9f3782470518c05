/**
 * The model list for the picker: fetched from the server's catalog, cached for a day per base URL, and
 * never missing. The documented Cline API has no `/models`; Cline itself reads the unauthenticated
 * `GET /ai/cline/models`. Other OpenAI-compatible servers usually offer `GET /models`. Both are treated
 * as optional: on any failure a stale cache is used if there is one, else the built-in fallback list.
 */
import type { ModelInfo } from '../../protocol/chatProtocol';
import { isUsableModelId } from '../../protocol/modelId';
import { isRecord } from '../isRecord';

export const CLINE_BASE_URL = 'https://api.cline.bot/api/v1';
export const CATALOG_TTL_MS = 24 * 60 * 60 * 1000;
const CATALOG_TIMEOUT_MS = 10_000;

/** The docs' example models and the free ones, for when no catalog can be read. */
export const FALLBACK_MODELS: readonly ModelInfo[] = Object.freeze(
  [
    { id: 'anthropic/claude-sonnet-4-6', name: 'Claude Sonnet 4.6' },
    { id: 'anthropic/claude-sonnet-4-5', name: 'Claude Sonnet 4.5' },
    { id: 'google/gemini-2.5-pro', name: 'Gemini 2.5 Pro' },
    { id: 'openai/gpt-4o', name: 'GPT-4o' },
    { id: 'minimax/minimax-m2.5', name: 'MiniMax M2.5', free: true },
    { id: 'kwaipilot/kat-coder-pro', name: 'KAT-Coder-Pro', free: true },
    { id: 'z-ai/glm-5', name: 'GLM-5', free: true },
  ].map((model) => Object.freeze(model)),
);

function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

function isClineBaseUrl(baseUrl: string): boolean {
  return normalizeBaseUrl(baseUrl).toLowerCase() === CLINE_BASE_URL;
}

/**
 * Whether the chat needs an API key before it asks: only for the Cline API. Local and self-hosted servers
 * (llama.cpp, Ollama, vLLM, LM Studio) usually take none; one that does answers 401, which says Set API Key.
 * (The base URL comes from the user's settings only, so a workspace cannot send the key elsewhere.)
 */
export function apiKeyRequired(baseUrl: string): boolean {
  return isClineBaseUrl(baseUrl);
}

/** Where the catalog lives: Cline's own (unauthenticated) list for the Cline base URL, `{baseUrl}/models` otherwise. */
export function catalogUrl(baseUrl: string): string {
  return isClineBaseUrl(baseUrl) ? `${CLINE_BASE_URL}/ai/cline/models` : `${normalizeBaseUrl(baseUrl)}/models`;
}

function isZeroPrice(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '' && Number(value) === 0;
}

/**
 * Reads `{data: [{id, name, context_length, pricing: {prompt, completion}, supported_parameters}]}` (or a bare array).
 * Ids are kept exactly as the server lists them (a file path, `name:tag`, …); entries whose id could never be
 * sent (modelId.ts) are skipped, so the picker offers nothing the chat would refuse. Duplicates keep the first.
 * A model whose prompt and completion prices are both zero is free. `supportsTools` is set only when the entry
 * lists its `supported_parameters` (OpenRouter's and Cline's catalogs do; a plain `/models` does not).
 */
export function parseCatalog(json: unknown): ModelInfo[] {
  const entries = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.data) ? json.data : [];
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || !isUsableModelId(entry.id) || seen.has(entry.id)) continue;
    seen.add(entry.id);
    const model: ModelInfo = { id: entry.id, name: typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name : entry.id };
    const pricing = isRecord(entry.pricing) ? entry.pricing : undefined;
    if (pricing && isZeroPrice(pricing.prompt) && isZeroPrice(pricing.completion)) model.free = true;
    if (typeof entry.context_length === 'number' && entry.context_length > 0) model.contextLength = entry.context_length;
    // Only a catalog that lists the parameters says anything; without the list nothing is known (tools are tried).
    if (Array.isArray(entry.supported_parameters)) model.supportsTools = entry.supported_parameters.includes('tools');
    models.push(model);
  }
  return models;
}

export interface CatalogCacheEntry {
  fetchedAt: number;
  baseUrl: string;
  models: ModelInfo[];
}

interface CatalogCache {
  get(): CatalogCacheEntry | undefined;
  set(value: CatalogCacheEntry): void | Promise<void>;
}

export interface CatalogResult {
  models: ModelInfo[];
  source: 'catalog' | 'fallback';
  /** Set when the catalog could not be refreshed and an older copy is shown. */
  stale?: boolean;
}

export interface ModelCatalogDeps {
  fetch: typeof fetch;
  now: () => number;
  cache: CatalogCache;
}

export class ModelCatalog {
  constructor(private readonly deps: ModelCatalogDeps) {}

  /** The models for `baseUrl`; `force` skips a fresh cache (a "refresh" command). Never rejects. */
  async load(baseUrl: string, apiKey?: string, options: { force?: boolean } = {}): Promise<CatalogResult> {
    const normalized = normalizeBaseUrl(baseUrl);
    const cached = this.deps.cache.get();
    const cachedHere = cached && cached.baseUrl === normalized && cached.models.length > 0 ? cached : undefined;
    if (cachedHere && !options.force && this.deps.now() - cachedHere.fetchedAt < CATALOG_TTL_MS) {
      return { models: cachedHere.models, source: 'catalog' };
    }
    let models: ModelInfo[];
    try {
      models = await this.fetchCatalog(normalized, apiKey);
    } catch {
      if (cachedHere) return { models: cachedHere.models, source: 'catalog', stale: true };
      return { models: FALLBACK_MODELS.map((model) => ({ ...model })), source: 'fallback' };
    }
    try {
      await this.deps.cache.set({ fetchedAt: this.deps.now(), baseUrl: normalized, models });
    } catch {
      // A cache that cannot be written only costs a fetch next time; the list itself is good.
    }
    return { models, source: 'catalog' };
  }

  private async fetchCatalog(baseUrl: string, apiKey: string | undefined): Promise<ModelInfo[]> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // Cline's catalog is public; never send the key where it is not needed.
    if (apiKey && !isClineBaseUrl(baseUrl)) headers.Authorization = `Bearer ${apiKey}`;
    const response = await this.deps.fetch(catalogUrl(baseUrl), { headers, signal: AbortSignal.timeout(CATALOG_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`Catalog answered HTTP ${response.status}`);
    const models = parseCatalog(await response.json());
    if (models.length === 0) throw new Error('Catalog is empty');
    return models;
  }
}
