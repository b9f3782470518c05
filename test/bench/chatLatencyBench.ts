/**
 * Chunk-to-DOM latency through the whole real path: the fake Cline server writes a chunk → the
 * host's client parses it → the session batches it → postMessage → the webview renders it. Measured
 * with one clock (Date.now(); server and browser run on this machine): when each chunk was written,
 * and when its marker first appeared in the webview's DOM (a MutationObserver inside the webview).
 *
 * Two answers: plain words (the fast path: text goes straight into the DOM), and words that each come
 * as inline code (every chunk needs a real render of the open block, which runs at most every 100 ms).
 */
import { Workbench } from '../ui/workbench';
import { startFakeClineServer, type Reply } from '../fixtures/fakeClineServer';
import { percentile, type BenchRow } from './benchRow';

const CHUNKS = 150;
const GAP_MS = 40;

/** A reply of CHUNKS chunks, GAP_MS apart, each with the marker `m{i}x`; records when each was written. */
function timedStream(written: number[], format: (marker: string) => string): Reply {
  return async ({ res, delay, isOpen }) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (let i = 0; i < CHUNKS && isOpen(); i++) {
      const chunk = { id: 'gen-bench', choices: [{ index: 0, delta: { content: format(`m${i}x`) } }] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      written[i] = Date.now();
      await delay(GAP_MS);
    }
    res.write('data: {"id":"gen-bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    res.end();
  };
}

export async function runChatLatencyBench(): Promise<BenchRow[]> {
  const server = await startFakeClineServer();
  const plain: number[] = [];
  const code: number[] = [];
  server.script([timedStream(plain, (m) => `${m} `), timedStream(code, (m) => `\`${m}\` `)]);
  const wb = await Workbench.open({ settings: { 'clineCompanion.chat.baseUrl': server.url }, env: { CLINE_API_KEY: 'sk-bench' } });
  try {
    await wb.runCommand('Cline Companion: Open Quick Chat');
    const chat = wb.webview();
    const box = chat.getByRole('textbox', { name: 'Message' });
    await box.waitFor({ timeout: 60_000 });
    const log = chat.getByRole('log', { name: 'Conversation' });

    const measure = async (question: string, written: number[]): Promise<number[]> => {
      await log.evaluate((el) => {
        const seen: Record<string, number> = {};
        (window as unknown as { __seen: Record<string, number> }).__seen = seen;
        const answers = el.querySelectorAll('.message.assistant');
        const before = answers.length;
        new MutationObserver(() => {
          const all = el.querySelectorAll('.message.assistant');
          if (all.length <= before) return;
          for (const m of (all[all.length - 1].textContent ?? '').matchAll(/m(\d+)x/g)) if (!(m[1] in seen)) seen[m[1]] = Date.now();
        }).observe(el, { subtree: true, childList: true, characterData: true });
      });
      await box.fill(question);
      await box.press('Enter');
      // Send turns into Stop while the answer streams, and back when it ends.
      await chat.getByRole('button', { name: 'Stop' }).waitFor({ timeout: 60_000 });
      await chat.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 });
      const seen = await log.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
      const latencies = written
        .map((t, i) => seen[String(i)] - t)
        .filter((v) => Number.isFinite(v))
        .sort((a, b) => a - b);
      if (latencies.length < CHUNKS * 0.9) throw new Error(`only ${latencies.length} of ${CHUNKS} chunks were seen in the DOM`);
      return latencies;
    };
    const plainLatencies = await measure('latency probe', plain);
    const codeLatencies = await measure('latency probe with code', code);
    const label = `${CHUNKS} chunks, ${GAP_MS} ms apart`;
    return [
      {
        name: `chunk → DOM latency, real host + webview, plain words, p50 (${label})`,
        value: percentile(plainLatencies, 50),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'chunk → DOM latency, plain words, p95', value: percentile(plainLatencies, 95), unit: 'ms', better: 'lower' },
      {
        name: `chunk → DOM latency, every chunk inline code (a real render each), p50`,
        value: percentile(codeLatencies, 50),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'chunk → DOM latency, every chunk inline code, p95', value: percentile(codeLatencies, 95), unit: 'ms', better: 'lower' },
    ];
  } finally {
    await wb.close();
    await server.close();
  }
}
