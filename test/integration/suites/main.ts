// Suites that run with the stand-in Cline installed and enabled.
import '../activation.test';
import '../clineBridge.test';
import '../commands.test';
import '../codeLens.test';
import '../codeActions.test';
import '../startTask.test';
import '../chat.test';
import '../chatLinks.test';
