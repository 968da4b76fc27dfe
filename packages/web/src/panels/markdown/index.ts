// Markdown in panels: the note preview's safe renderer.
export { escapeHtml, MAX_PREVIEW_CHARS, markdownToSafeHtml, safeImageUrl, safeLinkUrl } from './markdown-html.ts';
