// Suites that run in Restricted Mode (Workspace Trust on, the folder not trusted), without Cline.
import '../workspaceRestricted.test';
