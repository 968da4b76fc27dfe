// Entry of the browser app: picks the screen from the URL (`/app/maps/:id`, `/app/s/:token`,
// `/app/`) and renders it with Preact.

import { h, render } from 'preact';
import { EditorScreen } from './editor-screen.tsx';
import { FilesScreen } from './files-screen.tsx';
import { lang, setLang } from './i18n.ts';
import './styles.css';

setLang(lang());
const root = document.getElementById('app');
if (root) {
  const path = location.pathname.replace(/\/+$/, '');
  const map = /^\/app\/maps\/([^/]+)$/.exec(path);
  const share = /^\/app\/s\/([^/]+)$/.exec(path);
  if (map) render(h(EditorScreen, { target: { mapId: decodeURIComponent(map[1] as string) } }), root);
  else if (share) render(h(EditorScreen, { target: { share: { token: decodeURIComponent(share[1] as string) } } }), root);
  else render(h(FilesScreen, {}), root);
}
