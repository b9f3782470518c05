/**
 * Runs the real webview app in a real Chromium, on a plain page served from 127.0.0.1 with the same
 * HTML and CSP as the VS Code webview (chatHtml). A nonce'd stub script stands in for VS Code: it
 * provides `acquireVsCodeApi`, records every posted message and every CSP violation. Tests post host
 * messages with `window.postMessage`, as VS Code does.
 *
 * Bundles are built with esbuild into out/test/ (never dist/), minified like the product.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../src/protocol/chatProtocol';
import { chatCsp, chatHtml } from '../../src/contributions/chatView/chatHtml';
import { launchChromium } from '../host/chromium';

const repoRoot = path.resolve(__dirname, '..', '..');
const outDir = path.join(repoRoot, 'out', 'test', 'webview');

let bundles: Promise<void> | undefined;

/**
 * Build the app bundle and its lazily loaded highlighter (as dist/webview.js and dist/highlight.js are built) and
 * the renderer test entry, once per process.
 */
function buildBundles(): Promise<void> {
  bundles ??= build({
    entryPoints: {
      webview: path.join(repoRoot, 'src/ui/main.ts'),
      highlight: path.join(repoRoot, 'src/ui/highlighterMain.ts'),
      rendererPage: path.join(__dirname, 'rendererPage.ts'),
    },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    legalComments: 'none',
    logLevel: 'warning',
  }).then(() => undefined);
  return bundles;
}

const STUB = `(() => {
  // tsx (esbuild keepNames) wraps functions the tests pass to page.evaluate in __name(...).
  window.__name = (fn) => fn;
  const posted = [];
  window.__posted = posted;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  let state;
  try { state = JSON.parse(sessionStorage.getItem('__vscodeState') || 'null') ?? undefined; } catch { state = undefined; }
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (m) => { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = s; sessionStorage.setItem('__vscodeState', JSON.stringify(s)); return s; },
    });
  };
})();`;

interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve the chat page (`/`), the renderer page (`/renderer`) and their assets on 127.0.0.1. Both pages get the
 * highlighter's URI as the host writes it (`data-highlighter` on the bundle's script), and load it the same way.
 */
async function startPageServer(): Promise<PageServer> {
  await buildBundles();
  const codicons = path.join(repoRoot, 'node_modules/@vscode/codicons/dist');
  const files: Record<string, [string, string]> = {
    '/webview.js': [path.join(outDir, 'webview.js'), 'text/javascript'],
    '/highlight.js': [path.join(outDir, 'highlight.js'), 'text/javascript'],
    '/rendererPage.js': [path.join(outDir, 'rendererPage.js'), 'text/javascript'],
    '/chat.css': [path.join(repoRoot, 'media/chat.css'), 'text/css'],
    '/codicons/codicon.css': [path.join(codicons, 'codicon.css'), 'text/css'],
    '/codicons/codicon.ttf': [path.join(codicons, 'codicon.ttf'), 'font/ttf'],
  };
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const nonce = Buffer.from(`${Date.now()}-${Math.random()}`)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
    const page = (html: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
    const stubTag = `<script nonce="${nonce}" src="/stub.js"></script>\n`;
    if (url.pathname === '/') {
      // `/?lang=de`: the page as the host writes it in German (VS Code's bundle for it is l10n/bundle.l10n.de.json).
      const language = url.searchParams.get('lang') ?? 'en';
      const bundle =
        language === 'en'
          ? undefined
          : (JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', `bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>);
      const html = chatHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/webview.js`,
        highlighterUri: `${origin}/highlight.js`,
        styleUri: `${origin}/chat.css`,
        codiconsUri: `${origin}/codicons/codicon.css`,
        language,
        title: bundle?.['Cline Chat'] ?? 'Cline Chat',
        noscript: bundle?.['The chat needs JavaScript.'] ?? 'The chat needs JavaScript.',
        bundle,
      });
      page(html.replace(`<script nonce="${nonce}" src=`, `${stubTag}<script nonce="${nonce}" src=`));
      return;
    }
    if (url.pathname === '/renderer') {
      page(`<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatCsp(origin, nonce)}">
<link rel="stylesheet" href="/codicons/codicon.css"><link rel="stylesheet" href="/chat.css"></head>
<body><div id="app" class="app"></div>${stubTag}<script nonce="${nonce}" src="/rendererPage.js" data-highlighter="${origin}/highlight.js"></script></body></html>`);
      return;
    }
    if (url.pathname === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(STUB);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[url.pathname];
    if (file && fs.existsSync(file[0])) {
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' });
      fs.createReadStream(file[0]).pipe(res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestBrowser {
  browser: Browser;
  server: PageServer;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<TestBrowser> {
  const server = await startPageServer();
  const { browser, cleanup } = await launchChromium();
  return {
    browser,
    server,
    close: async () => {
      await cleanup();
      await server.close();
    },
  };
}

/** One page of the app, with what it posted and logged. */
export class AppPage {
  /** Console errors/warnings and page errors, as text. */
  readonly problems: string[] = [];
  readonly dialogs: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') this.problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  /** Open `/` (the chat app; `/?lang=de` in German) or `/renderer` in a fresh context (own storage). */
  static async open(tb: TestBrowser, pathname = '/', viewport = { width: 420, height: 720 }): Promise<AppPage> {
    const context = await tb.browser.newContext({ viewport });
    const page = await context.newPage();
    const app = new AppPage(context, page);
    await page.goto(`${tb.server.origin}${pathname}`);
    return app;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  async posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted.slice());
  }

  async postedOfType<T extends WebviewMessage['type']>(type: T): Promise<Array<Extract<WebviewMessage, { type: T }>>> {
    return (await this.posted()).filter((m): m is Extract<WebviewMessage, { type: T }> => m.type === type);
  }

  /** Wait until a message of this type has been posted (at least `count` of them), and return the last. */
  async waitForPosted<T extends WebviewMessage['type']>(type: T, count = 1): Promise<Extract<WebviewMessage, { type: T }>> {
    await this.page.waitForFunction(
      ([t, n]) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === t).length >= n,
      [type, count] as const,
    );
    const all = await this.postedOfType(type);
    return all[all.length - 1];
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
  }

  /** Post host messages, as VS Code would (one message event each, in order). */
  async host(...messages: HostMessage[]): Promise<void> {
    await this.page.evaluate((ms) => {
      for (const m of ms) window.postMessage(m, '*');
    }, messages);
    // Let the message events run.
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Wait for two animation frames (coalesced renders have run). */
  async frames(): Promise<void> {
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  /**
   * Chromium's own accessibility tree (what a screen reader gets): the nodes with this internal role
   * (e.g. `DisclosureTriangle` for a `<summary>`), with their computed names and expanded state.
   */
  async accessibilityNodes(role: string): Promise<Array<{ name: string; expanded?: boolean }>> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      return nodes
        .filter((node) => node.role?.value === role && !node.ignored)
        .map((node) => {
          const expanded = node.properties?.find((p) => p.name === 'expanded')?.value.value;
          return { name: String(node.name?.value ?? ''), ...(typeof expanded === 'boolean' ? { expanded } : {}) };
        });
    } finally {
      await cdp.detach();
    }
  }

  async cspViolations(): Promise<Array<{ directive: string; blocked: string; sample: string }>> {
    return this.page.evaluate(() =>
      (window as unknown as { __cspViolations: Array<{ directive: string; blocked: string; sample: string }> }).__cspViolations.slice(),
    );
  }
}
