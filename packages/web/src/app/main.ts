// Entry of the browser app: picks the screen from the URL (`/app/maps/:id`, `/app/s/:token`,
// `/app/`) and renders it with Preact. Each screen is its own chunk: My files does not download,
// parse and run the editor (canvas, layout, panels), and the editor does not wait for My files.

import { h, render } from 'preact';
import { prefetch } from './api.ts';
import { firstFilesRequests } from './files/first-requests.ts';
import { lang, setLang } from './i18n.ts';
import './styles.css';

setLang(lang());
const root = document.getElementById('app');
if (root) {
  const path = location.pathname.replace(/\/+$/, '');
  const map = /^\/app\/maps\/([^/]+)$/.exec(path);
  const share = /^\/app\/s\/([^/]+)$/.exec(path);
  if (map || share) {
    const target = map ? { mapId: decodeURIComponent(map[1] as string) } : { share: { token: decodeURIComponent(share?.[1] as string) } };
    void import('./editor-screen.tsx').then(({ EditorScreen }) => render(h(EditorScreen, { target }), root));
  } else {
    prefetch(firstFilesRequests(location.search));
    void import('./files-screen.tsx').then(({ FilesScreen }) => render(h(FilesScreen, {}), root));
  }
}
