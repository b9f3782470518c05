/**
 * Chunk-to-DOM latency through the whole real path: the fake Cline server writes a chunk → the
 * host's client parses it → the session batches it → postMessage → the webview renders it. Measured
 * with one clock (Date.now(); server and browser run on this machine): when each chunk was written,
 * and when its marker first appeared in the webview's DOM (a MutationObserver inside the webview).
 */
import { Workbench } from '../ui/workbench';
import { startFakeClineServer, type Reply } from '../fixtures/fakeClineServer';
import type { BenchRow } from './benchRow';

const CHUNKS = 150;
const GAP_MS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runChatLatencyBench(): Promise<BenchRow[]> {
  const server = await startFakeClineServer();
  const written: number[] = [];
  const timedStream: Reply = async ({ res, delay, isOpen }) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (let i = 0; i < CHUNKS && isOpen(); i++) {
      const chunk = { id: 'gen-bench', choices: [{ index: 0, delta: { content: `m${i}x ` } }] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      written[i] = Date.now();
      await delay(GAP_MS);
    }
    res.write('data: {"id":"gen-bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    res.end();
  };
  server.script(timedStream);
  const wb = await Workbench.open({ settings: { 'clineCompanion.chat.baseUrl': server.url }, env: { CLINE_API_KEY: 'sk-bench' } });
  try {
    await wb.runCommand('Cline Companion: Open Quick Chat');
    const chat = wb.webview();
    const box = chat.getByRole('textbox', { name: 'Message' });
    await box.waitFor({ timeout: 60_000 });
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.evaluate((el) => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        const last = el.querySelector('.message:last-of-type, [data-role="assistant"]:last-of-type') ?? el;
        for (const m of (last.textContent ?? '').matchAll(/m(\d+)x/g)) if (!(m[1] in seen)) seen[m[1]] = Date.now();
      }).observe(el, { subtree: true, childList: true, characterData: true });
    });
    await box.fill('latency probe');
    await box.press('Enter');
    await log.getByText(`m${CHUNKS - 1}x`, { exact: false }).waitFor({ timeout: 60_000 });
    const seen = await log.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    const latencies = written.map((t, i) => seen[String(i)] - t).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (latencies.length < CHUNKS * 0.9) throw new Error(`only ${latencies.length} of ${CHUNKS} chunks were seen in the DOM`);
    return [
      { name: `chunk → DOM latency, real host + webview, p50 (${CHUNKS} chunks, ${GAP_MS} ms apart)`, value: percentile(latencies, 50), unit: 'ms', better: 'lower' },
      { name: 'chunk → DOM latency, p95', value: percentile(latencies, 95), unit: 'ms', better: 'lower' },
    ];
  } finally {
    await wb.close();
    await server.close();
  }
}
