// The requests My files makes first, known from the address alone: the entry starts them while the
// screen's code is still loading (api() takes them over), so the list does not wait for the code.
// No imports: this module is part of the app's entry chunk.

/** Maps per page of `GET /api/maps`. */
export const MAPS_PAGE = 200;

export function mapsPageUrl(view: string, q: string, offset: number): string {
  return `/api/maps?view=${view}&limit=${MAPS_PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}&offset=${offset}`;
}

/** The first page of the view the address names (none for a template list) and the folders. */
export function firstFilesRequests(search: string): string[] {
  const p = new URLSearchParams(search);
  if (p.get('list') === 'favorites' || p.get('list') === 'mine') return ['/api/folders'];
  const v = p.get('view');
  const view = v === 'recent' || v === 'starred' || v === 'trash' ? v : 'all';
  return [mapsPageUrl(view, '', 0), '/api/folders'];
}
