// Suites that run in a fresh window of the `fresh` host (one window per case; Cline's view never opened in it).
import '../freshWindow.test';
