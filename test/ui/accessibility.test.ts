/**
 * The accessibility audit, in the real workbench: axe-core (WCAG 2.1 A and AA rules plus best practices) runs
 * inside the chat webview's own document, under its production CSP, in Dark Modern, Light Modern and Dark
 * High Contrast, in each state a user meets: empty, streaming, an answer with code and reasoning, an error,
 * the history open, and a tool call waiting for approval. A critical or serious violation fails the test and
 * is printed (rule, impact, nodes, targets); moderate and minor ones are printed too, as warnings.
 * The Cline Tasks view (a native tree: VS Code draws it) is audited in the workbench page, scoped to its pane.
 * The keyboard: the tab order through the chat reaches every control in the order they are laid out, each
 * with a visible focus ring (the high-contrast one in the contrast colour), and nothing hidden takes focus.
 *
 * One workbench for all of it: each state is set up once and audited in the three themes (switched with
 * Preferences: Color Theme), so the run stays short.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Locator } from 'playwright-core';
import { repoRoot, workbenchUrl } from '../host/codeServer';
import { reply, sse, startFakeClineServer, type FakeClineServer, SAMPLE_CATALOG } from '../fixtures/fakeClineServer';
import { until, screenshotIfFailed, Workbench } from './workbench';

/** The three theme kinds, by their settings id, with the class VS Code gives the webview's body and the workbench for each. */
const THEMES = [
  { id: 'Default Dark Modern', label: 'Dark Modern', bodyClass: 'vscode-dark', workbenchClass: 'vs-dark' },
  { id: 'Default Light Modern', label: 'Light Modern', bodyClass: 'vscode-light', workbenchClass: 'vs' },
  { id: 'Default High Contrast', label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', workbenchClass: 'hc-black' },
] as const;
type Theme = (typeof THEMES)[number];

/** The rules run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** What fails the test; moderate and minor findings are printed only. */
const FAILING_IMPACTS = new Set(['critical', 'serious']);

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const ANSWER_WITH_CODE = [
  'Here is a **typed** helper, see [the handbook](https://www.typescriptlang.org/docs/) for more:\n\n',
  '```ts\n// doubles a number\nexport function double(n: number): number {\n  const label = "twice";\n  return n * 2; // ' +
    'a comment\n}\nclass Counter extends Base<string> { count = 0; }\n```\n\n',
  '```python\ndef greet(name: str) -> None:\n    print(f"Hello {name}", 42, True)\n```\n\n',
  'Call it with `double(21)`:\n\n- it returns `42`\n- it never throws\n\n| input | output |\n|---|---|\n| 1 | 2 |\n',
];
const USAGE = { prompt_tokens: 1234, completion_tokens: 56, prompt_tokens_details: { cached_tokens: 1000 }, cost: 0.0123 };

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
  html: string;
  /** What the page shows and names (for a failure message). */
  shown?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `  [${where}] ${v.impact ?? 'no impact'} ${v.id}: ${v.help} (${v.nodes.length} node(s))\n` +
        v.nodes
          .slice(0, 6)
          .map(
            (n) =>
              `      ${JSON.stringify(n.target)} ${n.html.slice(0, 140)}\n` +
              (n.shown ? `        ${n.shown}\n` : '') +
              `        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`,
          )
          .join('\n'),
    )
    .join('\n');
}

describe('UI: accessibility audit of the chat and the Cline Tasks view (axe-core, three themes)', function () {
  let wb: Workbench;
  let server: FakeClineServer;
  let chat: FrameLocator;

  before(async () => {
    server = await startFakeClineServer();
    server.catalog = SAMPLE_CATALOG;
    wb = await Workbench.open({
      settings: {
        'clineCompanion.chat.baseUrl': server.url,
        'clineCompanion.chat.tools.approval': 'ask',
        'workbench.colorTheme': THEMES[0].id,
        'editor.minimap.enabled': false,
      },
      env: { CLINE_API_KEY: 'sk-ui-test-key' },
    });
    await openThroughLink();
    await wb.runCommand('Cline Companion: Open Quick Chat');
    chat = wb.webview();
    await chat.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await server?.close();
  });

  beforeEach(() => server.reset());
  afterEach(async function () {
    await screenshotIfFailed(wb, 'a11y', this.currentTest);
  });

  /**
   * code-server is installed in .cache/ inside the repository, so the workbench takes VS Code's built-in themes
   * for themes of the extension under development (the repository), applies the first of the current kind
   * (Light+) as it does for an extension's own theme, and ignores workbench.colorTheme. Opened through a link
   * outside the repository, the extension owns no theme and the workbench follows the setting and the picker.
   */
  async function openThroughLink(): Promise<void> {
    const link = path.join(wb.server.tmp, 'extension-link');
    fs.symlinkSync(repoRoot, link);
    const url = new URL(workbenchUrl(wb.server));
    url.searchParams.set('payload', JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${wb.server.port}${link}`]]));
    await wb.page.goto(url.toString());
    await wb.page.locator(`.monaco-workbench.${THEMES[0].workbenchClass}`).waitFor({ timeout: 60_000 });
    await wb.page.locator('.explorer-folders-view').first().waitFor({ timeout: 60_000 });
  }

  /** Switch the workbench's colour theme with Preferences: Color Theme (a write to settings.json is not picked up). */
  async function pickTheme(theme: Theme): Promise<void> {
    const current = await wb.page.evaluate(
      (c) => document.querySelector('.monaco-workbench')?.classList.contains(c) ?? false,
      theme.workbenchClass,
    );
    if (!current) {
      await wb.runCommand('Preferences: Color Theme', { exact: true });
      await wb.page.locator('.quick-input-widget input').fill(theme.label);
      await wb.page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${theme.label}$`) }) })
        .first()
        .click();
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
    await until(`the workbench in ${theme.id}`, () =>
      wb.page.evaluate((c) => document.querySelector('.monaco-workbench')?.classList.contains(c) ?? false, theme.workbenchClass),
    );
  }

  /** The chat webview's document as a Playwright Frame (evaluate needs one; it runs regardless of the page's CSP). */
  async function chatFrame(): Promise<Frame> {
    const outer = await wb.page
      .locator('iframe.webview[src*="extensionId=cline-companion.cline-companion"]:visible')
      .first()
      .elementHandle();
    const outerFrame = await outer?.contentFrame();
    const inner = await outerFrame?.locator('iframe#active-frame').elementHandle();
    const frame = await inner?.contentFrame();
    if (!frame) throw new Error('the chat webview frame was not found');
    return frame;
  }

  async function setTheme(theme: Theme): Promise<void> {
    await pickTheme(theme);
    await until(`the chat in ${theme.id}`, async () => {
      const frame = await chatFrame();
      const id = await frame.evaluate(() => document.body.dataset.vscodeThemeId ?? '');
      return id === theme.id && (await frame.evaluate((c) => document.body.classList.contains(c), theme.bodyClass));
    });
    // The workbench pushes the theme's variables with the theme id; one frame for the styles to apply.
    await (await chatFrame()).evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  /** Run axe in `frame` (in `include` only, when given; without the rules `skip`) and return its violations. */
  async function axe(frame: Frame, include?: string, skip: string[] = []): Promise<AxeViolation[]> {
    if (!(await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) await frame.evaluate(axeSource);
    const { violations, unchecked } = await frame.evaluate(
      async ({ tags, include, skip }) => {
        type Results = { violations: AxeViolation[]; incomplete: AxeViolation[] };
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Results> } }).axe;
        const result = await axe.run(include ? { include: [include] } : document, {
          runOnly: { type: 'tag', values: tags },
          rules: Object.fromEntries(skip.map((id) => [id, { enabled: false }])),
          resultTypes: ['violations', 'incomplete'],
        });
        // What axe could not decide is neither a pass nor a failure: it is printed, so a gap in the audit shows.
        const unchecked = result.incomplete.flatMap((v) =>
          v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`),
        );
        const violations = result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => {
            const el = typeof n.target[0] === 'string' ? document.querySelector<HTMLElement>(n.target[0]) : null;
            const shown = el
              ? `text "${el.innerText.replace(/\s+/g, ' ').slice(0, 100)}", aria-label "${el.getAttribute('aria-label') ?? ''}"`
              : '';
            return { target: n.target, failureSummary: n.failureSummary, html: n.html, shown };
          }),
        }));
        return { violations, unchecked };
      },
      { tags: AXE_TAGS, include, skip },
    );
    if (unchecked.length) console.log(`    axe could not decide (not failing):\n${unchecked.map((u) => `      ${u}`).join('\n')}`);
    return violations;
  }

  /** Audit the chat as it is now in every theme; fail on a critical or serious violation (all of them listed). */
  async function auditChat(state: string): Promise<void> {
    const failures: string[] = [];
    for (const theme of THEMES) {
      await setTheme(theme);
      const violations = await axe(await chatFrame());
      const where = `${state}, ${theme.id}`;
      const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
      const other = violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ''));
      if (other.length) console.log(`    (not failing) axe findings:\n${describeViolations(where, other)}`);
      if (failing.length) {
        failures.push(describeViolations(where, failing));
        await wb.screenshot(`a11y-${state.replace(/\W+/g, '-')}-${theme.bodyClass}`);
      }
    }
    assert.equal(failures.length, 0, `critical or serious accessibility violations:\n${failures.join('\n')}`);
  }

  async function ask(text: string): Promise<void> {
    const box = chat.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
  }

  const log = () => chat.getByRole('log', { name: 'Conversation' });

  it('empty', async () => {
    await chat.getByRole('button', { name: 'New Chat' }).click();
    await chat.getByRole('heading', { name: 'Ask Cline' }).waitFor();
    await auditChat('empty');
  });

  it('streaming', async () => {
    server.script(
      reply.stream(
        [
          sse.role(),
          sse.reasoning('Counting slowly.'),
          ...Array.from({ length: 800 }, (_, i) => sse.content(`word${i} `)),
          sse.finish('stop'),
        ],
        { writeDelayMs: 40 },
      ),
    );
    await ask('Count slowly');
    await log().getByText('word5', { exact: false }).waitFor();
    await auditChat('streaming');
    await chat.getByRole('button', { name: 'Stop' }).click();
    await chat.getByRole('button', { name: 'Send' }).waitFor();
  });

  it('answer with code and reasoning', async () => {
    await chat.getByRole('button', { name: 'New Chat' }).click();
    server.script(
      reply.stream([
        sse.role(),
        sse.reasoning('Let me think about doubling.'),
        ...ANSWER_WITH_CODE.map((t) => sse.content(t)),
        sse.finish('stop', USAGE),
      ]),
    );
    await ask('Write a function that doubles a number');
    await log().locator('.usage-footer').waitFor();
    await log().getByRole('button', { name: 'Copy' }).first().waitFor();
    // The syntax highlighter is loaded when the first block closes: audit the token colours, not plain code.
    await log().locator('.message.assistant pre > code .hljs-keyword').first().waitFor();
    await log().locator('.message.assistant pre > code').last().locator('.hljs-string').first().waitFor();
    await auditChat('answer with code and reasoning');
  });

  it('error', async () => {
    server.script(
      reply.stream([sse.role(), sse.content('Partial answer before the failure. '), sse.error('server_error', 'Upstream provider failed')]),
    );
    await ask('Trigger a mid-stream error');
    await log().getByRole('button', { name: /Retry/ }).last().waitFor();
    await auditChat('error');
  });

  it('tool call waiting for approval', async () => {
    // It waits through the next test (the tab order), which answers it.
    server.script(reply.toolCalls([{ name: 'read_file', arguments: { path: 'src/sample.ts' } }], { content: 'Let me read the file.' }));
    await ask('What does src/sample.ts export?');
    await log().getByRole('button', { name: 'Allow', exact: true }).waitFor();
    await auditChat('tool call waiting');
  });

  it('the tab order reaches every control in layout order, each with a visible focus ring', async () => {
    // The conversation now holds an answer with code, an error and a waiting tool call.
    await setTheme(THEMES[2]);
    const frame = await chatFrame();
    // A click gives the webview the focus; from there the first control takes it.
    await chat.getByRole('textbox', { name: 'Message' }).click();
    await chat.getByRole('combobox', { name: 'Model' }).focus();
    const visited: { name: string; ring: boolean; ringColour: string; top: number; index: number }[] = [];
    for (let step = 0; step < 80; step++) {
      const focused = await frame.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || !document.hasFocus()) return undefined;
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
        const all = Array.from(document.querySelectorAll('*'));
        const name =
          el.getAttribute('aria-label') ||
          (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? el.getAttribute('placeholder') : '') ||
          el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 60) ||
          el.getAttribute('title') ||
          el.tagName;
        return {
          name: `${el.tagName.toLowerCase()} "${name}"`,
          ring,
          ringColour: style.outlineColor,
          top: el.getBoundingClientRect().top,
          index: all.indexOf(el),
        };
      });
      if (!focused) break;
      if (visited.length && visited[0].index === focused.index) break; // wrapped around
      visited.push(focused);
      await wb.page.keyboard.press('Tab');
    }
    const names = visited.map((v) => v.name);
    console.log(`    tab order: ${names.join(' → ')}`);
    const expected = [
      /input "Model"/,
      /button "History"/,
      /button "New Chat"/,
      /div "Conversation"/,
      /summary ".*Thinking/,
      /button "Copy"/,
      /button "Insert at Cursor"/,
      /button "Open in New Editor"/,
      /pre "Code, ts"/,
      /button "Copy request ID"/,
      /summary "read_file/,
      /button "Allow"/,
      /button "Allow for This Conversation"/,
      /button "Deny"/,
      /textarea "Message"/,
      /button "(Send|Stop)"/,
    ];
    let at = 0;
    for (const pattern of expected) {
      const found = names.findIndex((n, i) => i >= at && pattern.test(n));
      assert.ok(found >= 0, `${pattern} not reached by Tab after position ${at}: ${names.join(' → ')}`);
      at = found + 1;
    }
    // Document order is the order they are laid out in (top to bottom): Tab never jumps back up.
    for (let i = 1; i < visited.length; i++)
      assert.ok(visited[i].index > visited[i - 1].index, `Tab went back from ${names[i - 1]} to ${names[i]}`);
    const ringless = visited.filter((v) => !v.ring).map((v) => v.name);
    assert.deepEqual(ringless, [], 'every focused control shows a focus ring');
    // In high contrast the ring is the theme's contrast colour (orange in Dark High Contrast).
    const contrastActiveBorder = await frame.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--vscode-contrastActiveBorder)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    const offColour = visited.filter((v) => v.ringColour !== contrastActiveBorder).map((v) => `${v.name}: ${v.ringColour}`);
    assert.deepEqual(offColour, [], `the focus ring is the contrast colour ${contrastActiveBorder}`);
    // Tab went on out of the webview. Back in the message box, Shift+Tab reaches Allow; Enter presses it.
    server.script(reply.stream([sse.role(), sse.content('The file exports `add`.'), sse.finish('stop', USAGE)]));
    await chat.getByRole('textbox', { name: 'Message' }).click();
    for (let step = 0; step < 5; step++) {
      if ((await frame.evaluate(() => document.activeElement?.textContent)) === 'Allow') break;
      await wb.page.keyboard.press('Shift+Tab');
    }
    assert.equal(await frame.evaluate(() => document.activeElement?.textContent), 'Allow', 'Shift+Tab from the message box reaches Allow');
    await wb.page.keyboard.press('Enter');
    await log().getByText('The file exports').waitFor();
    await chat.getByRole('button', { name: 'Send' }).waitFor();
  });

  it('history open, and its tab order', async () => {
    await chat.getByRole('button', { name: 'History' }).click();
    await chat.getByRole('searchbox', { name: 'Search conversations' }).waitFor();
    await auditChat('history open');
    // The theme picker took the focus; the search box is where opening the history puts it.
    await chat.getByRole('searchbox', { name: 'Search conversations' }).click();
    const frame = await chatFrame();
    const names: string[] = [];
    for (let step = 0; step < 12; step++) {
      const name = await frame.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el && el !== document.body
          ? `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 40)}"`
          : '';
      });
      names.push(name);
      await wb.page.keyboard.press('Tab');
    }
    console.log(`    history tab order: ${names.join(' → ')}`);
    assert.match(names[0], /input "Search conversations"/);
    const rename = names.findIndex((n) => /Rename /.test(n));
    const remove = names.findIndex((n) => /Delete /.test(n));
    assert.ok(rename > 0 && remove > rename, `each conversation's Rename then Delete: ${names.join(' → ')}`);
    // Escape from within the panel closes it (Tab went on out of the webview: back to the search box first).
    await chat.getByRole('searchbox', { name: 'Search conversations' }).click();
    await wb.page.keyboard.press('Escape');
    await chat.getByRole('searchbox', { name: 'Search conversations' }).waitFor({ state: 'hidden' });
  });

  /**
   * Audit the Cline Tasks pane's body (what the extension contributes: the tree's items, the welcome content) in
   * every theme. The pane's header is VS Code's own (a role=button holding the view's action buttons, and an
   * <a> with an aria-label and no role): its findings are printed, not failed, as they are not ours to fix.
   */
  async function auditTasksView(state: string, pane: Locator): Promise<void> {
    await wb.page.locator('.pane-header[aria-label="Cline Tasks Section"][aria-expanded="true"]').waitFor();
    await pane.evaluate((el) => {
      el.querySelector('.pane-body')?.setAttribute('data-a11y-audit', 'tasks-body');
      el.querySelector('.pane-header')?.setAttribute('data-a11y-audit', 'tasks-header');
    });
    const failures: string[] = [];
    for (const theme of THEMES) {
      await pickTheme(theme);
      const where = `Cline Tasks ${state}, ${theme.id}`;
      const violations = await axe(wb.page.mainFrame(), '[data-a11y-audit="tasks-body"]', ['label-content-name-mismatch']);
      const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
      const other = violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ''));
      if (other.length) console.log(`    (not failing) axe findings:\n${describeViolations(where, other)}`);
      if (failing.length) failures.push(describeViolations(where, failing));
      const vscodes = await axe(wb.page.mainFrame(), '[data-a11y-audit="tasks-header"]');
      if (vscodes.length) console.log(`    (VS Code's pane header, not ours) axe findings:\n${describeViolations(where, vscodes)}`);
    }
    assert.equal(failures.length, 0, `critical or serious accessibility violations:\n${failures.join('\n')}`);
    // Label in Name (WCAG 2.5.3), checked here rather than by axe: VS Code draws a row's label and description
    // as adjacent elements with no space between ("Add a READMEqueued"), a text no name can contain. What the
    // rule asks holds when the name starts with the label the row shows and contains its description.
    const rows = await pane.getByRole('treeitem').evaluateAll((items) =>
      items.map((item) => ({
        name: item.getAttribute('aria-label') ?? '',
        label: item.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: item.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
    // Compared as axe does: in lower case, without punctuation.
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    for (const row of rows) {
      assert.ok(words(row.name).startsWith(words(row.label)), `the name "${row.name}" starts with the label "${row.label}"`);
      assert.ok(words(row.name).includes(words(row.description)), `the name "${row.name}" contains the description "${row.description}"`);
    }
  }

  it('the Cline Tasks view: its welcome content, then a paused queue with a task', async () => {
    await wb.runCommand('Focus on Cline Tasks View');
    const pane = wb.page.locator('.pane').filter({ has: wb.page.getByRole('button', { name: 'Cline Tasks Section', exact: true }) });
    await pane.getByText("Cline's API does not say what Cline is doing.", { exact: false }).waitFor();
    await auditTasksView('welcome', pane);
    // Paused, a queued task stays in the queue (Cline is idle here): the tree shows its sections and the task.
    await wb.runCommand('Pause Task Queue');
    await wb.runCommand('Queue Task for Cline');
    await wb.answerInput('Add a README');
    await pane.getByRole('treeitem', { name: /Add a README, queued/ }).waitFor();
    await auditTasksView('queue', pane);
  });
});
