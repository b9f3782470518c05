// Suites that run in a host with no Cline installed.
import '../clineMissing.test';
