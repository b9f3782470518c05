import assert from 'node:assert/strict';
import { describeSizes } from '../../../src/core/cline/describeSizes';

describe('describeSizes (what the log says instead of the prompt)', () => {
  it('counts characters and images, never shows the text', () => {
    const line = describeSizes('secret prompt text'.repeat(100), [
      'data:image/png;base64,' + 'A'.repeat(2048),
      'data:image/png;base64,AAAA',
    ]);
    assert.equal(line, '1,800 chars, 2 images (3 KB)');
    assert.ok(!line.includes('secret'));
  });
  it('says when there is nothing', () => {
    assert.equal(describeSizes(undefined, undefined), 'no arguments');
    assert.equal(describeSizes('', []), '0 chars');
  });
});
