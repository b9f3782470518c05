import assert from 'node:assert/strict';
import { CLINE_METHODS, missingClineMethods } from '../../../src/core/cline/clineApi';

describe('missingClineMethods', () => {
  const whole = {
    startNewTask: async () => {},
    sendMessage: async () => {},
    pressPrimaryButton: async () => {},
    pressSecondaryButton: async () => {},
  };

  it('finds nothing missing in a whole API', () => {
    assert.deepEqual(missingClineMethods(whole), []);
  });

  it('names each missing or non-function method, in interface order', () => {
    const { sendMessage: _gone, ...rest } = whole;
    assert.deepEqual(missingClineMethods(rest), ['sendMessage']);
    assert.deepEqual(missingClineMethods({ ...whole, pressPrimaryButton: 'yes', startNewTask: null }), [
      'startNewTask',
      'pressPrimaryButton',
    ]);
  });

  it('treats no exports at all as all four missing', () => {
    for (const exports of [undefined, null, 42, 'api']) assert.deepEqual(missingClineMethods(exports), [...CLINE_METHODS]);
  });
});
