// Suites that run with the stand-in Cline installed and enabled.
import '../activation.test';
import '../clineBridge.test';
import '../commands.test';
import '../codeLens.test';
import '../codeActions.test';
import '../startTask.test';
import '../chat.test';
import '../chatLinks.test';
import '../workspaceTools.test';
// Last: it connects Cline's task events, which changes approve/reject, and disconnects at the end.
import '../taskEvents.test';
