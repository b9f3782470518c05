import assert from 'node:assert/strict';
import { chatCsp, chatHtml } from '../../../src/contributions/chatView/chatHtml';

describe('chatHtml', () => {
  const options = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123XYZ',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    highlighterUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/highlight.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css',
    codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    language: 'en',
    title: 'Cline Chat',
    noscript: 'The chat needs JavaScript.',
  };

  it('has exactly the chat CSP: nonce scripts, extension styles/fonts/images, nothing else', () => {
    assert.equal(
      chatCsp(options.cspSource, options.nonce),
      "default-src 'none'; script-src 'nonce-abc123XYZ'; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net",
    );
    const html = chatHtml(options);
    assert.ok(html.includes(`content="${chatCsp(options.cspSource, options.nonce)}"`));
    assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
  });

  it("loads the nonce'd bundle, the stylesheet and the codicons, with no inline script or style", () => {
    const html = chatHtml(options);
    assert.match(
      html,
      /<script nonce="abc123XYZ" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js" data-highlighter="[^"]*"><\/script>/,
    );
    assert.match(html, /<link rel="stylesheet" href="[^"]*codicon\.css">/);
    assert.match(html, /<link rel="stylesheet" href="[^"]*chat\.css">/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it("writes the syntax highlighter's URI on the bundle's script, for the bundle to load it when code first needs it", () => {
    const html = chatHtml(options);
    // Not loaded by the page: one script element, the nonce'd bundle, which carries the URI as data.
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(
      html,
      /<script nonce="abc123XYZ" src="[^"]*\/webview\.js" data-highlighter="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/highlight\.js">/,
    );
    // The CSP is the same: the bundle adds the highlighter's script with its own nonce.
    assert.ok(html.includes(`content="${chatCsp(options.cspSource, options.nonce)}"`));
  });

  it('escapes the values it puts in attributes', () => {
    const html = chatHtml({ ...options, scriptUri: 'x"><script>alert(1)</script>' });
    assert.doesNotMatch(html, /"><script>alert/);
    assert.match(html, /x&quot;&gt;&lt;script&gt;/);
    const highlighter = chatHtml({ ...options, highlighterUri: 'y" onload="alert(1)' });
    assert.doesNotMatch(highlighter, /onload="/);
    assert.match(highlighter, /data-highlighter="y&quot; onload=&quot;alert\(1\)"/);
  });

  describe('in another language', () => {
    const german = {
      ...options,
      language: 'de',
      title: 'Cline-Chat',
      noscript: 'Der Chat benötigt <JavaScript> & mehr.',
      bundle: {
        Send: 'Senden',
        'Cline Chat': 'Cline-Chat',
        // A hostile or careless translation: it must stay data inside the JSON block.
        Stop: '</script><script>alert(1)</script><!--',
      },
    };
    const jsonBlock = (html: string): string => {
      const match = /<script type="application\/json" id="l10n-bundle">([^]*?)<\/script>/.exec(html);
      assert.ok(match, 'the translations are in a JSON block');
      return match[1];
    };

    it('says the language in <html lang>, and the title and noscript text as given (escaped)', () => {
      const html = chatHtml(german);
      assert.match(html, /^<!DOCTYPE html>\n<html lang="de">/);
      assert.match(html, /<title>Cline-Chat<\/title>/);
      assert.match(html, /<noscript>Der Chat benötigt &lt;JavaScript&gt; &amp; mehr\.<\/noscript>/);
      assert.match(chatHtml({ ...options, language: 'x"><script>' }), /<html lang="x&quot;&gt;&lt;script&gt;">/);
    });

    it('embeds the bundle as JSON that reads back exactly, with no "<" in it, so a translation cannot close the block', () => {
      const html = chatHtml(german);
      const block = jsonBlock(html);
      assert.doesNotMatch(block, /</);
      assert.deepEqual(JSON.parse(block), german.bundle);
      // One executing script (the nonce'd bundle) and the data block; the CSP is the same as in English.
      assert.equal((html.match(/<script/g) ?? []).length, 2);
      assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
      assert.equal((html.match(/<script nonce=/g) ?? []).length, 1);
      assert.ok(html.includes(`content="${chatCsp(options.cspSource, options.nonce)}"`));
      // Before the bundle that reads it.
      assert.ok(html.indexOf('id="l10n-bundle"') < html.indexOf('<script nonce='));
    });

    it('writes no block in English (VS Code gives no bundle there)', () => {
      assert.doesNotMatch(chatHtml(options), /application\/json/);
      assert.doesNotMatch(chatHtml({ ...german, bundle: {} }), /application\/json/);
    });
  });
});
