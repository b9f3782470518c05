import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

describe('UI: start a Cline task from the command palette', () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  it('palette → input → the stand-in Cline receives startNewTask with the typed text', async () => {
    await wb.runCommand('Cline Companion: Start Cline Task');
    await wb.answerInput('Add input validation to the form');
    const [call] = await wb.waitForCall('startNewTask');
    assert.equal(call.args[0], 'Add input validation to the form');
    await wb.screenshot('start-task-palette');
  });
});
