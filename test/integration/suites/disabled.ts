// Suites that run in a host where Cline is installed but disabled.
import '../clineDisabled.test';
