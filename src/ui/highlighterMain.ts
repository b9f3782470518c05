/**
 * Entry of the lazily loaded highlighter bundle (dist/highlight.js): the chat bundle adds it to the page,
 * with its own nonce, when the first code block in a known language is to be highlighted
 * (src/ui/markdown/highlight.ts), and reads what it leaves here once it has loaded.
 */
import { createHighlighter } from './markdown/hljsHighlighter';

window.clineCompanionHighlighter = createHighlighter();
