// My files (`/app/`): the screen lives in ./files/ (folders, views, search, thumbnails, import).

export { FilesApp as FilesScreen } from './files/files-app.tsx';
