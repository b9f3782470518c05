import assert from 'node:assert/strict';
import { ClineError } from '../../../src/core/cline/clineError';
import { statusBarLook } from '../../../src/contributions/statusBar/statusBarLook';

describe('statusBarLook', () => {
  it('found, not yet started', () => {
    const look = statusBarLook({ availability: 'installed', version: '4.1.3', busy: 0 });
    assert.equal(look.text, '$(hubot) Cline');
    assert.match(look.tooltip, /Cline 4\.1\.3 found; it starts on first use/);
  });
  it('not found', () => {
    assert.equal(statusBarLook({ availability: 'missing', busy: 0 }).text, '$(circle-slash) Cline');
  });
  it('busy wins over everything, and counts the waiting calls', () => {
    const look = statusBarLook({ availability: 'active', busy: 3, lastError: new ClineError('callFailed', 'x') });
    assert.equal(look.text, '$(loading~spin) Cline');
    assert.match(look.tooltip, /2 more waiting/);
  });
  it('the last failure shows until a call succeeds', () => {
    const look = statusBarLook({ availability: 'active', busy: 0, lastError: new ClineError('callFailed', 'socket closed') });
    assert.equal(look.text, '$(warning) Cline');
    assert.match(look.tooltip, /socket closed/);
  });
});
