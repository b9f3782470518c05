/**
 * Browser entry for the renderer tests and the stream benchmark (bundled to out/test/webview/
 * rendererPage.js, loaded by the harness's `/renderer` page under the chat CSP). It exposes the real
 * incremental renderer and a few drivers that run inside the page, so timings include no round trips.
 * The syntax highlighter is found as in the app (the page's script says where it is) and loads on first need;
 * tests and the bench that look at highlighting load it first (`loadHighlighter`).
 */
import { loadHighlighter, readHighlighterSource } from '../../src/ui/markdown/highlight';
import { IncrementalMarkdown, type IncrementalMarkdownOptions } from '../../src/ui/markdown/incrementalRenderer';
import { renderMarkdown } from '../../src/ui/markdown/renderMarkdown';

interface CodeActionRecord {
  action: string;
  code: string;
  language: string;
}

export interface StreamResult {
  /** Sum of the time spent appending and rendering (ms). */
  renderMs: number;
  /** How many renders ran. */
  renders: number;
  /** Longest single task we ran (ms), and the longest `longtask` entry the browser reported (0 if none). */
  maxTaskMs: number;
  longestLongTaskMs: number;
  longTasks: number;
  /** Index of the (first) delta of the task that took longest (chunks.length: the final finish()). */
  maxTaskIndex: number;
  /** When the longest longtask started, as a fraction of the stream's duration (-1: none). */
  longTaskAt: number;
  html: string;
}

/** How the stream benchmark paces a stream (see `stream`). */
export interface StreamTimeline {
  deltasPerPost: number;
  postIntervalMs: number;
}

/** The renderer's default tail-render interval (kept in step with incrementalRenderer.ts by the pacing test). */
const TAIL_RENDER_INTERVAL_MS = 100;
const FRAME_MS = 1000 / 60;

interface PacingCheck {
  problems: string[];
  heldFrames: number;
  html: string;
}

type TaskKind = 'post' | 'frame' | 'finish';

/**
 * Feed `chunks` to a renderer the way the chat app does: the host posts `deltasPerPost` deltas every
 * `postIntervalMs`, and the display runs a frame every 1000/60 ms, on a simulated clock (so the
 * tail-render interval sees the stream's pace, not how fast this loop runs). Each post and each frame is
 * its own task, run through `task`; the answer is finished at the end.
 * `postIntervalMs: 0` is the untimed worst case: every post is rendered at once, with no tail-render
 * interval.
 */
async function replay(
  container: HTMLElement,
  chunks: string[],
  timeline: StreamTimeline,
  options: IncrementalMarkdownOptions,
  task: (index: number, work: () => void, md: IncrementalMarkdown, clock: number, kind: TaskKind) => void,
): Promise<void> {
  const untimed = timeline.postIntervalMs === 0;
  const pending: Array<() => void> = [];
  let clock = 0;
  const md = new IncrementalMarkdown(container, {
    ...options,
    schedule: (cb) => pending.push(cb),
    now: () => clock,
    ...(untimed ? { tailRenderIntervalMs: 0 } : {}),
  });
  const runFrame = (): void => {
    for (const cb of pending.splice(0)) cb();
  };
  let next = 0;
  let nextPost = 0;
  let nextFrame = FRAME_MS;
  while (next < chunks.length || pending.length) {
    if (next < chunks.length && (untimed || nextPost <= nextFrame)) {
      clock = nextPost;
      const first = next;
      next = Math.min(chunks.length, next + timeline.deltasPerPost);
      task(
        first,
        () => {
          for (let i = first; i < next; i++) md.append(chunks[i]);
          if (untimed) runFrame();
        },
        md,
        clock,
        'post',
      );
      nextPost += timeline.postIntervalMs;
    } else {
      clock = nextFrame;
      task(next, runFrame, md, clock, 'frame');
      nextFrame += FRAME_MS;
    }
    await nextTask();
  }
  task(chunks.length, () => md.finish(), md, clock, 'finish');
}

function freshContainer(): HTMLElement {
  const root = document.getElementById('app')!;
  const container = document.createElement('div');
  root.replaceChildren(container);
  return container;
}

/**
 * Yield to the event loop without timer clamping (a new task, like a host message event). One channel
 * for all: a channel per task would leave thousands of garbage ports for the collector, which the app
 * (host messages arrive as window events) never does.
 */
const taskChannel = new MessageChannel();
const taskQueue: Array<() => void> = [];
taskChannel.port1.onmessage = () => taskQueue.shift()?.();
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    taskQueue.push(resolve);
    taskChannel.port2.postMessage(0);
  });
}

readHighlighterSource();

const api = {
  /** Load the syntax highlighter now: true once it is here (rendered code is highlighted from then on). */
  loadHighlighter,

  /** Render the whole text at once (as a finished message is shown). Returns the time (ms) and the HTML. */
  fullRender(text: string): { ms: number; html: string } {
    const container = freshContainer();
    const start = performance.now();
    const md = new IncrementalMarkdown(container);
    md.setText(text, true);
    const ms = performance.now() - start;
    return { ms, html: container.innerHTML };
  },

  /** The HTML of a one-shot render of the finished `text`, in a detached element: the page is left as it is. */
  detachedRender(text: string): string {
    const container = document.createElement('div');
    new IncrementalMarkdown(container).setText(text, true);
    return container.innerHTML;
  },

  /** The naive way: re-render everything from scratch for this prefix. Returns the time (ms). */
  naiveRender(prefix: string): number {
    const container = freshContainer();
    const start = performance.now();
    container.replaceChildren(renderMarkdown(prefix));
    return performance.now() - start;
  },

  /**
   * Stream `chunks` through the renderer as the chat app gets them (see `replay`), and measure the real
   * CPU time of every post and frame task.
   */
  async stream(chunks: string[], timeline: StreamTimeline): Promise<StreamResult> {
    const container = freshContainer();
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
    try {
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      /* unsupported: maxTaskMs still measured */
    }
    let renders = 0;
    let renderMs = 0;
    let maxTaskMs = 0;
    let maxTaskIndex = -1;
    streamStart = performance.now();
    await replay(container, chunks, timeline, { onRender: () => renders++ }, (index, work) => {
      const start = performance.now();
      work();
      const ms = performance.now() - start;
      renderMs += ms;
      if (ms > maxTaskMs) {
        maxTaskMs = ms;
        maxTaskIndex = index;
      }
    });
    const streamEnd = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer deliver
    observer.disconnect();
    const longTaskAt = longTasks ? (longestStart - streamStart) / (streamEnd - streamStart) : -1;
    return { renderMs, renders, maxTaskMs, maxTaskIndex, longestLongTaskMs: longest, longTaskAt, longTasks, html: container.innerHTML };
  },

  /**
   * Replay `chunks` on `timeline` and check the pacing after every post and frame: the DOM is a fresh
   * render of the text it claims to show (`shownLength`), and no text waits longer than the tail-render
   * interval plus one frame. Returns the first few violations, how many frames showed less than all the
   * text received (the interval at work), and the final HTML.
   */
  async checkPacing(chunks: string[], timeline: StreamTimeline, limit = 5): Promise<PacingCheck> {
    const container = freshContainer();
    const reference = document.createElement('div');
    const problems: string[] = [];
    let heldFrames = 0;
    /** [end offset, clock when it arrived] per chunk, in order. */
    const arrivals: Array<[number, number]> = [];
    let received = '';
    /** The last state checked: the frames that only wait change nothing, and need no fresh render. */
    let lastChecked = { shown: -1, html: '' };
    await replay(container, chunks, timeline, {}, (index, work, md, clock, kind) => {
      if (kind === 'post') {
        const next = Math.min(chunks.length, index + timeline.deltasPerPost);
        for (let i = index; i < next; i++) {
          received += chunks[i];
          // In the renderer's terms: line breaks normalised, a trailing \r held for the next chunk.
          arrivals.push([received.replace(/\r$/, '').replace(/\r\n?/g, '\n').length, clock]);
        }
      }
      work();
      if (problems.length >= limit) return;
      const shown = md.shownLength;
      const html = container.innerHTML;
      const unchanged = shown === lastChecked.shown && html === lastChecked.html;
      lastChecked = { shown, html };
      const shownText = md.text.slice(0, shown);
      if (!unchanged) {
        reference.replaceChildren();
        new IncrementalMarkdown(reference).setText(shownText, md.isFinished);
      }
      if (!unchanged && reference.innerHTML !== html)
        problems.push(
          `${kind} ${index} at ${clock} ms: the DOM is not a render of the ${shown} characters it shows (…${JSON.stringify(shownText.slice(-40))}): ${reference.innerHTML.slice(-200)} ≠ ${container.innerHTML.slice(-200)}`,
        );
      if (kind !== 'frame') return;
      if (shown < received.length) heldFrames++;
      const overdue = arrivals.find(([end, at]) => end > shown && clock - at > TAIL_RENDER_INTERVAL_MS + FRAME_MS);
      if (overdue) problems.push(`frame at ${clock} ms: text received at ${overdue[1]} ms is still not shown`);
    });
    return { problems, heldFrames, html: container.innerHTML };
  },

  /**
   * Scripted steps on a simulated clock: at each step's time, append its text (if any), then run a frame.
   * Returns the DOM's text and HTML after each step.
   */
  scripted(steps: Array<{ at: number; append?: string }>): Array<{ text: string; html: string }> {
    const container = freshContainer();
    const pending: Array<() => void> = [];
    let clock = 0;
    const md = new IncrementalMarkdown(container, { schedule: (cb) => pending.push(cb), now: () => clock });
    return steps.map((step) => {
      clock = step.at;
      if (step.append) md.append(step.append);
      for (const cb of pending.splice(0)) cb();
      const tail = container.querySelector('.markdown-tail')!;
      return { text: container.textContent ?? '', html: tail.innerHTML };
    });
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
      if (tailBefore && tailBefore === tailAfter && container.querySelector('.markdown-blocks')!.childNodes.length === blocksBefore)
        fastSteps++;
      reference.replaceChildren();
      new IncrementalMarkdown(reference).setText(text);
      if (reference.innerHTML !== container.innerHTML)
        mismatches.push({ step: i, expected: reference.innerHTML.slice(-400), actual: container.innerHTML.slice(-400) });
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
