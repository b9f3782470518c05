/**
 * The first task in a window opens Cline's view before it starts (Cline's legacy build clears its task when
 * the view loads). With `clineCompanion.cline.revealView` off, that opening must not take the keyboard focus
 * from the editor. The stand-in plays the legacy build, so the task it shows is the proof it survived.
 */
import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

describe("UI: Cline's view opens before the first task, keeping the focus when revealView is off", () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'clineCompanion.cline.revealView': false } });
    wb.setStandInBehaviour({ build: 'legacy' });
  });
  after(async () => {
    await wb?.close();
  });

  it('palette → Start Cline Task: the legacy stand-in shows the task alive in its view, and the editor keeps the focus', async () => {
    await wb.openFile('src/sample.ts');
    await wb.page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await wb.runCommand('Cline Companion: Start Cline Task');
    await wb.answerInput('Keep the editor focused');
    const [call] = await wb.waitForCall('startNewTask');
    assert.equal(call.args[0], 'Keep the editor focused');
    assert.equal((call as typeof call & { viewResolved?: boolean }).viewResolved, true, "Cline's view had loaded before the task started");

    // The stand-in's view lists its current task; a task cleared by the view's load would show "No task".
    const task = wb.webview('saoudrizwan.claude-dev').locator('#task');
    await task.waitFor({ timeout: 30_000 });
    await wb.page.waitForTimeout(500);
    assert.match(await task.innerText(), /^Task task-1: Keep the editor focused/);

    const focusInEditor = await wb.page.evaluate(() => !!document.activeElement?.closest('.part.editor .monaco-editor'));
    assert.equal(focusInEditor, true, 'the keyboard focus stayed in the editor');
    await wb.screenshot('cline-view-opened-focus-kept');
  });
});
