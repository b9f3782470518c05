// Suites that run with the stand-in Cline installed and enabled.
import '../activation.test';
import '../startTask.test';
import '../chat.test';
