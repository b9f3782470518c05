// Suites that run in a multi-root workspace (a .code-workspace with the folders app and lib), without Cline.
import '../workspaceMultiRoot.test';
