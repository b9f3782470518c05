/**
 * Opening a long conversation in the real webview app (Chromium, chat CSP): 100 questions and answers
 * of ~5 KB each (~500 KB of markdown with code). Rows:
 * - the task that handles the host's `conversation` message (what blocks the view before anything shows);
 * - the time until every answer is rendered;
 * - the longest main-thread task from the message until then (budget < 50 ms, as for streaming).
 * Each is the median of 5 opens (the longest task: the largest over the 5).
 */
import type { BenchRow } from './benchRow';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import { conversation, init, questionsAndAnswers } from '../webview/fixtures';
import { AppPage, startBrowser } from '../webview/harness';

const ANSWERS = 100;
const ANSWER_CHARS = 5_000;
const RUNS = 5;

interface OpenTiming {
  handleMs: number;
  allMs: number;
  longestTaskMs: number;
}

export async function runConversationOpenBench(): Promise<BenchRow[]> {
  const messages = questionsAndAnswers(ANSWERS, ANSWER_CHARS, 200);
  const kb = Math.round(messages.reduce((n, m) => n + m.content.length, 0) / 1024);
  const tb = await startBrowser();
  try {
    const app = await AppPage.open(tb);
    await app.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    await app.host(init());
    const timings: OpenTiming[] = [];
    for (let run = 0; run <= RUNS; run++) {
      // Alternate conversations so each open replaces a full log; the first run warms up.
      const open: HostMessage = { type: 'conversation', conversation: conversation(run % 2 ? 'c1' : 'c2', messages) };
      const timing = await app.page.evaluate(
        (m) =>
          new Promise<OpenTiming>((resolve) => {
            let longest = 0;
            const observer = new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
            });
            observer.observe({ type: 'longtask', buffered: false });
            let handled = 0;
            const log = document.querySelector('[role="log"]')!;
            // From posting the message (it is handled in the next task, so this over-counts a little) to
            // the end of the app's handling: its listener was registered first, so ours runs right after it.
            const taskStart = performance.now();
            window.addEventListener(
              'message',
              () => {
                handled = performance.now() - taskStart;
                const wait = () => {
                  if (log.querySelector('.message-content.deferred')) return void setTimeout(wait, 5);
                  const all = performance.now() - taskStart;
                  setTimeout(() => {
                    observer.disconnect();
                    resolve({ handleMs: handled, allMs: all, longestTaskMs: Math.max(longest, handled) });
                  }, 50);
                };
                wait();
              },
              { once: true },
            );
            window.postMessage(m, '*');
          }),
        open,
      );
      if (run > 0) timings.push(timing);
    }
    await app.close();
    const median = (pick: (t: OpenTiming) => number) => timings.map(pick).sort((a, b) => a - b)[Math.floor(timings.length / 2)];
    return [
      {
        name: `open a conversation of ${ANSWERS} answers (${kb} KB): the task handling it (newest answers shown)`,
        value: median((t) => t.handleMs),
        unit: 'ms',
        better: 'lower',
      },
      { name: 'open a long conversation: until every answer is rendered', value: median((t) => t.allMs), unit: 'ms', better: 'lower' },
      {
        name: `open a long conversation: longest main-thread task (largest of ${RUNS} opens)`,
        value: Math.max(...timings.map((t) => t.longestTaskMs)),
        unit: 'ms',
        budget: 50,
        better: 'lower',
      },
    ];
  } finally {
    await tb.close();
  }
}
