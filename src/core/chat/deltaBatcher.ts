/**
 * Coalesces a stream's many small deltas into at most one post per interval (~30 ms), so a fast
 * model cannot flood the webview with messages (peers froze on long answers that way). Pure: the
 * clock is injected so tests can drive time.
 */
import type { ToolCallView } from '../../protocol/chatProtocol';
import { type Clock, systemClock } from '../clock';

export interface Delta {
  content?: string;
  reasoning?: string;
  toolCalls?: ToolCallView[];
}

export class DeltaBatcher {
  private content = '';
  private reasoning = '';
  private toolCalls: ToolCallView[] | undefined;
  /** Characters of each tool call's arguments already posted, by index: the wire carries fragments. */
  private readonly postedArguments = new Map<number, number>();
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly post: (delta: Delta) => void,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = 30,
  ) {}

  addContent(text: string): void {
    this.content += text;
    this.schedule();
  }
  addReasoning(text: string): void {
    this.reasoning += text;
    this.schedule();
  }
  /**
   * Tool calls arrive as the whole assembled list (the latest wins); they are posted as fragments,
   * as the protocol wants: each call's arguments since the last post, its id and name once.
   */
  setToolCalls(calls: ToolCallView[]): void {
    this.toolCalls = calls;
    this.schedule();
  }

  /** Posts whatever is pending now (before the stream's end is announced). */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.content && !this.reasoning && !this.toolCalls) return;
    const delta: Delta = {};
    if (this.content) delta.content = this.content;
    if (this.reasoning) delta.reasoning = this.reasoning;
    if (this.toolCalls) delta.toolCalls = this.toolCallFragments(this.toolCalls);
    this.content = '';
    this.reasoning = '';
    this.toolCalls = undefined;
    this.lastFlush = this.clock.now();
    this.post(delta);
  }

  private toolCallFragments(calls: ToolCallView[]): ToolCallView[] {
    return calls.map((call) => {
      const posted = this.postedArguments.get(call.index);
      this.postedArguments.set(call.index, call.arguments.length);
      if (posted === undefined) return { ...call };
      return { index: call.index, name: '', arguments: call.arguments.slice(posted) };
    });
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    // Capped at one interval: the clock is wall time, and a clock set back must not hold the text for hours.
    const wait = Math.min(this.intervalMs, Math.max(0, this.lastFlush + this.intervalMs - this.clock.now()));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
