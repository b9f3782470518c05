/** The status bar item's text and tooltip for a bridge state. Pure, so each state is unit-tested. */
import type { ClineBridgeState } from '../../adapters/cline/clineBridge';

export interface StatusBarLook {
  text: string;
  tooltip: string;
}

export function statusBarLook(state: ClineBridgeState): StatusBarLook {
  const version = state.version ? ` ${state.version}` : '';
  if (state.busy > 0) {
    const more = state.busy > 1 ? ` (${state.busy - 1} more waiting)` : '';
    return { text: '$(loading~spin) Cline', tooltip: `Sending to Cline${more}…` };
  }
  if (state.availability === 'missing') {
    return { text: '$(circle-slash) Cline', tooltip: 'Cline is not installed, or is disabled. Click for options.' };
  }
  if (state.lastError) {
    return { text: '$(warning) Cline', tooltip: `The last call to Cline${version} failed: ${state.lastError.message}. Click for Cline actions.` };
  }
  if (state.availability === 'installed') {
    return { text: '$(hubot) Cline', tooltip: `Cline${version} found; it starts on first use. Click for Cline actions.` };
  }
  return { text: '$(hubot) Cline', tooltip: `Cline${version} is ready. Click for Cline actions.` };
}
