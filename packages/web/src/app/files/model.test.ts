import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restore } from '@arbor/core';
import {
  type FileItem,
  type Folder,
  folderTree,
  insideFolder,
  placeFromUrl,
  placeToUrl,
  STRUCTURES,
  sortItems,
  splitByWords,
  structureDoc,
} from './model.ts';

const item = (id: string, title: string, updatedAt: number, createdAt: number): FileItem => ({
  id,
  title,
  folderId: null,
  version: 1,
  starred: false,
  trashedAt: null,
  createdAt,
  updatedAt,
  openedAt: null,
});

test('sorting by title (numeric, locale), by last change and by creation', () => {
  const items = [item('a', '第10章', 1, 30), item('b', '第2章', 3, 10), item('c', 'Alpha', 2, 20)];
  const byTitle = sortItems(items, 'title', 'all', 'zh-CN').map((i) => i.id);
  assert.ok(byTitle.indexOf('b') < byTitle.indexOf('a'), '第2章 before 第10章');
  assert.deepEqual(
    sortItems(items, 'updated', 'all', 'en').map((i) => i.id),
    ['b', 'c', 'a'],
  );
  assert.deepEqual(
    sortItems(items, 'created', 'all', 'en').map((i) => i.id),
    ['a', 'c', 'b'],
  );
  // Recent and trash keep the server's order.
  assert.deepEqual(
    sortItems(items, 'title', 'recent', 'en').map((i) => i.id),
    ['a', 'b', 'c'],
  );
});

test('folder tree is depth-first by name; an orphan goes to the top level', () => {
  const folders: Folder[] = [
    { id: '1', name: 'b', parentId: null },
    { id: '2', name: 'a', parentId: null },
    { id: '3', name: 'child', parentId: '1' },
    { id: '4', name: 'orphan', parentId: 'gone' },
  ];
  assert.deepEqual(
    folderTree(folders, 'en').map((f) => `${f.depth}:${f.folder.name}`),
    ['0:a', '0:b', '1:child', '0:orphan'],
  );
});

test('every structure makes a valid document with a central topic and three branches', () => {
  for (const s of STRUCTURES) {
    const doc = structureDoc(s.name);
    assert.equal(doc.structure, s.name);
    const restored = restore(doc).doc;
    assert.equal(Object.keys(restored.topics).length, 4);
  }
});

test('insideFolder: a folder cannot move into itself or below itself', () => {
  const folders: Folder[] = [
    { id: 'a', name: 'a', parentId: null },
    { id: 'b', name: 'b', parentId: 'a' },
    { id: 'c', name: 'c', parentId: 'b' },
    { id: 'd', name: 'd', parentId: null },
  ];
  assert.equal(insideFolder(folders, 'a', 'a'), true);
  assert.equal(insideFolder(folders, 'c', 'a'), true);
  assert.equal(insideFolder(folders, 'd', 'a'), false);
  assert.equal(insideFolder(folders, 'a', 'c'), false);
});

test('the list shown is kept in the address and read back from it', () => {
  for (const place of [
    { view: 'all', folder: undefined, templates: null },
    { view: 'recent', folder: undefined, templates: null },
    { view: 'trash', folder: undefined, templates: null },
    { view: 'all', folder: 'f 1/ä', templates: null },
    { view: 'all', folder: 'root', templates: null },
    { view: 'all', folder: undefined, templates: 'favorites' },
    { view: 'all', folder: undefined, templates: 'mine' },
  ] as const) {
    assert.deepEqual(placeFromUrl(placeToUrl(place)), place);
  }
  assert.deepEqual(placeFromUrl('?view=nonsense&list=other'), { view: 'all', folder: undefined, templates: null });
  assert.deepEqual(placeFromUrl(`?folder=${'x'.repeat(65)}`), { view: 'all', folder: undefined, templates: null });
  assert.deepEqual(placeFromUrl('?new=map&title=x'), { view: 'all', folder: undefined, templates: null });
});

test('the words of a search are marked in the line found, as typed, case-insensitively', () => {
  assert.deepEqual(splitByWords('光合作用的暗反应', '暗反应'), ['光合作用的', '暗反应', '']);
  assert.deepEqual(splitByWords('Pension 缴费 pension', 'PENSION 缴费'), ['', 'Pension', ' ', '缴费', ' ', 'pension', '']);
  assert.deepEqual(splitByWords('a.b*c', '.b*'), ['a', '.b*', 'c'], 'no pattern syntax');
  assert.deepEqual(splitByWords('abc', ''), ['abc']);
  assert.deepEqual(splitByWords('暗反应', '暗 暗反应'), ['', '暗反应', ''], 'the longest word first');
});
