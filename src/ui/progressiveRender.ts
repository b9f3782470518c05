/**
 * Opening a long conversation renders its answers' markdown a slice at a time, newest first, instead of
 * all in one task: a conversation of a hundred long answers would otherwise freeze the view for half a
 * second or more on every switch and reload. The newest answers (what the view shows, pinned to the
 * end) are rendered at once; older ones in slices of about 8 ms between frames, and any the user
 * scrolls to first are rendered as soon as they come into view.
 */

/** A message view whose content can be rendered later. */
export interface DeferredContent {
  readonly element: HTMLElement;
  readonly contentDeferred: boolean;
  renderContent(): void;
}

/** Work per task before yielding to the browser (a frame is ~16 ms). */
const SLICE_MS = 8;
/** Start rendering a deferred answer when it is this close to the visible area. */
const NEAR_VIEW = '600px 0px';

export class ProgressiveRender {
  /** Still to render, newest first. */
  private queue: DeferredContent[] = [];
  private readonly byElement = new Map<Element, DeferredContent>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly observer: IntersectionObserver;

  constructor(
    root: HTMLElement,
    /** Called after each slice (content grew above or at the end). */
    private readonly onProgress: () => void,
    /** Called when rendering starts (true) and when nothing is left (false). */
    private readonly onBusy: (busy: boolean) => void,
  ) {
    this.observer = new IntersectionObserver((entries) => this.renderVisible(entries), { root, rootMargin: NEAR_VIEW });
  }

  /** Render `views` (oldest first): the newest in this task, the rest in later slices. */
  start(views: readonly DeferredContent[]): void {
    this.cancel();
    this.queue = views.filter((view) => view.contentDeferred).reverse();
    if (!this.queue.length) return;
    for (const view of this.queue) {
      this.byElement.set(view.element, view);
      this.observer.observe(view.element);
    }
    this.onBusy(true);
    this.slice(0);
  }

  /** Render everything left now (e.g. before restoring a scroll position, which needs true heights). */
  finishNow(): void {
    if (!this.queue.length) return;
    this.clearTimer();
    for (const view of this.queue) this.renderOne(view);
    this.done();
  }

  /** Forget what is left (another conversation is shown). */
  cancel(): void {
    this.clearTimer();
    const wasBusy = this.queue.length > 0;
    this.queue = [];
    this.byElement.clear();
    this.observer.disconnect();
    if (wasBusy) this.onBusy(false);
  }

  /** Render for about `budgetMs`, and at least one (so an answer slower than a slice still gets its turn). */
  private slice(budgetMs: number): void {
    this.timer = undefined;
    const start = performance.now();
    do {
      const view = this.queue.shift();
      if (view) this.renderOne(view);
    } while (this.queue.length && performance.now() - start < budgetMs);
    this.onProgress();
    if (this.queue.length) this.timer = setTimeout(() => this.slice(SLICE_MS), 0);
    else this.done();
  }

  private renderVisible(entries: IntersectionObserverEntry[]): void {
    let rendered = false;
    for (const entry of entries) {
      const view = entry.isIntersecting ? this.byElement.get(entry.target) : undefined;
      if (!view) continue;
      this.renderOne(view);
      this.queue.splice(this.queue.indexOf(view), 1);
      rendered = true;
    }
    if (!rendered) return;
    this.onProgress();
    if (!this.queue.length) {
      this.clearTimer();
      this.done();
    }
  }

  private renderOne(view: DeferredContent): void {
    this.observer.unobserve(view.element);
    this.byElement.delete(view.element);
    if (view.contentDeferred) view.renderContent();
  }

  private done(): void {
    this.queue = [];
    this.observer.disconnect();
    this.onBusy(false);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
