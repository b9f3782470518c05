import { strict as assert } from 'node:assert';
import { checkLink, isOpenableLink } from '../../../src/protocol/linkPolicy';

describe('link policy (one rule for the sanitiser and the host)', () => {
  const opened: Array<[string, string, string]> = [
    ['https://example.com/docs?q=1#x', 'https:', 'https://example.com/docs?q=1#x'],
    ['http://example.com', 'http:', 'http://example.com/'],
    ['HTTPS://Example.com/A', 'https:', 'https://example.com/A'],
    ['  https://example.com/padded  ', 'https:', 'https://example.com/padded'],
    ['mailto:someone@example.com?subject=Hi', 'mailto:', 'mailto:someone@example.com?subject=Hi'],
  ];
  for (const [href, scheme, url] of opened) {
    it(`opens ${JSON.stringify(href)}`, () => {
      assert.deepEqual(checkLink(href), { ok: true, scheme, url });
      assert.equal(isOpenableLink(href), true);
    });
  }

  const refused = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    '\x01javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://settings',
    'ftp://example.com',
    '/relative/path',
    '#anchor',
    'example.com',
    '',
    'https:',
    'https://',
  ];
  for (const href of refused) {
    it(`refuses ${JSON.stringify(href)}, saying what and why`, () => {
      const check = checkLink(href);
      assert.equal(check.ok, false);
      assert.equal(isOpenableLink(href), false);
      if (!check.ok) assert.match(check.message, /only http, https and mailto links open/);
    });
  }

  it('quotes a long refused link shortened', () => {
    const check = checkLink(`javascript:${'x'.repeat(5000)}`);
    assert.ok(!check.ok && check.message.length < 200 && check.message.includes('…'));
  });
});
