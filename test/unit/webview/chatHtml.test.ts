import assert from 'node:assert/strict';
import { chatCsp, chatHtml } from '../../../src/contributions/chatView/chatHtml';

describe('chatHtml', () => {
  const options = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123XYZ',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css',
    codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
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
      /<script nonce="abc123XYZ" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/,
    );
    assert.match(html, /<link rel="stylesheet" href="[^"]*codicon\.css">/);
    assert.match(html, /<link rel="stylesheet" href="[^"]*chat\.css">/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('escapes the values it puts in attributes', () => {
    const html = chatHtml({ ...options, scriptUri: 'x"><script>alert(1)</script>' });
    assert.doesNotMatch(html, /"><script>alert/);
    assert.match(html, /x&quot;&gt;&lt;script&gt;/);
  });
});
