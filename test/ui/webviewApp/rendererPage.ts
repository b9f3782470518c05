/**
 * Browser entry for the renderer tests and the stream benchmark (bundled to out/test/webviewApp/
 * rendererPage.js, loaded by the harness's `/renderer` page under the chat CSP). It exposes the real
 * incremental renderer and a few drivers that run inside the page, so timings include no round trips.
 */
import { IncrementalMarkdown } from '../../../src/ui/markdown/incrementalRenderer';
import { renderMarkdown } from '../../../src/ui/markdown/renderMarkdown';

export interface CodeActionRecord { action: string; code: string; language: string }

export interface StreamResult {
  /** Sum of the time spent appending and rendering (ms). */
  renderMs: number;
  /** How many renders ran. */
  renders: number;
  /** Longest single task we ran (ms), and the longest `longtask` entry the browser reported (0 if none). */
  maxTaskMs: number;
  longestLongTaskMs: number;
  longTasks: number;
  /** Index of the delta whose task took longest (chunks.length: the final finish()). */
  maxTaskIndex: number;
  /** When the longest longtask started, as a fraction of the stream's duration (-1: none). */
  longTaskAt: number;
  html: string;
}

function freshContainer(): HTMLElement {
  const root = document.getElementById('app')!;
  const container = document.createElement('div');
  root.replaceChildren(container);
  return container;
}

/** Yield to the event loop without timer clamping (a new task, like a host message event). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

const api = {
  /** Render the whole text at once (as a finished message is shown). Returns the time (ms) and the HTML. */
  fullRender(text: string): { ms: number; html: string } {
    const container = freshContainer();
    const start = performance.now();
    const md = new IncrementalMarkdown(container);
    md.setText(text, true);
    const ms = performance.now() - start;
    return { ms, html: container.innerHTML };
  },

  /** The naive way: re-render everything from scratch for this prefix. Returns the time (ms). */
  naiveRender(prefix: string): number {
    const container = freshContainer();
    const start = performance.now();
    container.replaceChildren(renderMarkdown(prefix));
    return performance.now() - start;
  },

  /**
   * Stream `chunks` through the renderer, one chunk per task (like host message events), running a
   * render every `renderEvery` chunks (1: every delta gets its own frame, the worst case).
   */
  async stream(chunks: string[], renderEvery: number): Promise<StreamResult> {
    const container = freshContainer();
    const pending: Array<() => void> = [];
    let longest = 0;
    let longestStart = 0;
    let longTasks = 0;
    let streamStart = Infinity;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.startTime < streamStart) continue; // e.g. the task that received the chunks
        longTasks++;
        if (entry.duration > longest) {
          longest = entry.duration;
          longestStart = entry.startTime;
        }
      }
    });
    try { observer.observe({ type: 'longtask', buffered: false }); } catch { /* unsupported: maxTaskMs still measured */ }
    let renders = 0;
    const md = new IncrementalMarkdown(container, { schedule: (cb) => pending.push(cb), onRender: () => renders++ });
    let renderMs = 0;
    let maxTaskMs = 0;
    let maxTaskIndex = -1;
    streamStart = performance.now();
    for (let i = 0; i <= chunks.length; i++) {
      const start = performance.now();
      if (i < chunks.length) md.append(chunks[i]);
      if ((i + 1) % renderEvery === 0 || i === chunks.length) for (const cb of pending.splice(0)) cb();
      if (i === chunks.length) md.finish();
      const ms = performance.now() - start;
      renderMs += ms;
      if (ms > maxTaskMs) {
        maxTaskMs = ms;
        maxTaskIndex = i;
      }
      await nextTask();
    }
    const streamEnd = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer deliver
    observer.disconnect();
    const longTaskAt = longTasks ? (longestStart - streamStart) / (streamEnd - streamStart) : -1;
    return { renderMs, renders, maxTaskMs, maxTaskIndex, longestLongTaskMs: longest, longTaskAt, longTasks, html: container.innerHTML };
  },

  /**
   * Stream with real requestAnimationFrame coalescing (the app's default scheduler), one chunk per task.
   * Returns the final HTML and how many renders ran.
   */
  async streamWithFrames(chunks: string[]): Promise<{ html: string; renders: number }> {
    const container = freshContainer();
    let renders = 0;
    const md = new IncrementalMarkdown(container, { onRender: () => renders++ });
    for (const chunk of chunks) {
      md.append(chunk);
      await nextTask();
    }
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    md.finish();
    return { html: container.innerHTML, renders };
  },

  /**
   * Stream and snapshot the DOM after every render step: for checking intermediate states.
   * Returns the HTML after each chunk (rendered synchronously with flush()).
   */
  streamSnapshots(chunks: string[]): string[] {
    const container = freshContainer();
    const md = new IncrementalMarkdown(container, { schedule: () => undefined });
    const snapshots: string[] = [];
    for (const chunk of chunks) {
      md.append(chunk);
      md.flush();
      snapshots.push(container.innerHTML);
    }
    md.finish();
    snapshots.push(container.innerHTML);
    return snapshots;
  },

  /**
   * Stream `chunks` rendering after each one, and compare the DOM with a fresh render of the same text
   * after every step. Returns the mismatches (step, expected, actual), at most `limit`, and how many
   * steps took a fast path (no lexing).
   */
  verifySteps(chunks: string[], limit = 5): { mismatches: Array<{ step: number; expected: string; actual: string }>; fastSteps: number } {
    const container = freshContainer();
    const reference = document.createElement('div');
    let rendered = 0;
    const md = new IncrementalMarkdown(container, { schedule: () => undefined, onRender: () => rendered++ });
    const mismatches: Array<{ step: number; expected: string; actual: string }> = [];
    let fastSteps = 0;
    let text = '';
    for (let i = 0; i < chunks.length && mismatches.length < limit; i++) {
      text += chunks[i];
      const blocksBefore = container.querySelector('.markdown-blocks')!.childNodes.length;
      const tailBefore = container.querySelector('.markdown-tail')!.firstChild;
      md.append(chunks[i]);
      md.flush();
      const tailAfter = container.querySelector('.markdown-tail')!.firstChild;
      if (tailBefore && tailBefore === tailAfter && container.querySelector('.markdown-blocks')!.childNodes.length === blocksBefore) fastSteps++;
      reference.replaceChildren();
      new IncrementalMarkdown(reference).setText(text);
      if (reference.innerHTML !== container.innerHTML) mismatches.push({ step: i, expected: reference.innerHTML.slice(-400), actual: container.innerHTML.slice(-400) });
    }
    return { mismatches, fastSteps };
  },

  /** Finished blocks are rendered once: is the first block's node the same after more text streamed in? */
  keepsFinishedBlocks(first: string, more: string[]): { same: boolean; renders: number } {
    const container = freshContainer();
    let renders = 0;
    const md = new IncrementalMarkdown(container, { schedule: () => undefined, onRender: () => renders++ });
    md.append(first);
    md.flush();
    const node = container.querySelector('.markdown-blocks > *');
    for (const chunk of more) {
      md.append(chunk);
      md.flush();
    }
    md.finish();
    return { same: !!node && node.isConnected && container.querySelector('.markdown-blocks > *') === node, renders };
  },

  /** Append all chunks in one task with the real requestAnimationFrame scheduler: how many renders ran? */
  async coalesced(chunks: string[]): Promise<{ renders: number; text: string }> {
    const container = freshContainer();
    let renders = 0;
    const md = new IncrementalMarkdown(container, { onRender: () => renders++ });
    for (const chunk of chunks) md.append(chunk);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { renders, text: container.textContent ?? '' };
  },

  /** The HTML after streaming `chunks` (flushing after each) but before finish(), and after it. */
  streamedStates(chunks: string[]): { open: string; finished: string } {
    const container = freshContainer();
    const md = new IncrementalMarkdown(container, { schedule: () => undefined });
    for (const chunk of chunks) {
      md.append(chunk);
      md.flush();
    }
    const open = container.innerHTML;
    md.finish();
    return { open, finished: container.innerHTML };
  },

  /** Render text with a live renderer left in the page, recording code actions and link clicks. */
  mount(text: string, complete: boolean): void {
    const container = freshContainer();
    const record = window as unknown as { __codeActions: CodeActionRecord[]; __links: string[] };
    record.__codeActions = [];
    record.__links = [];
    const md = new IncrementalMarkdown(container, {
      onCodeAction: (action, code, language) => record.__codeActions.push({ action, code, language }),
      onLink: (href) => record.__links.push(href),
      schedule: () => undefined,
    });
    md.setText(text, complete);
  },
};

(window as unknown as { __renderer: typeof api }).__renderer = api;
export type RendererApi = typeof api;
