// 发布为模板: publish the open map to the template library with a category, tags and a description
// (`POST /api/maps/:id/publish`), then link to its template page. A map published before starts
// from what its template says (`GET /api/maps/:id/publish`) and publishing again updates it.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { T, tr } from '../i18n.ts';
import { Modal } from './modal.tsx';

interface Category {
  slug: string;
  name: string;
  children: Category[];
}

interface Published {
  fileId: string;
  url: string;
  category: string;
  tags: string[];
  description: string;
}

/** The server's limits (templates/record.ts). */
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 30;
const MAX_DESCRIPTION = 2000;

/** Tags as typed: separated by commas (either width), 、 or spaces; duplicates dropped. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[,，、;；\s]+/)) {
    const tag = raw.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function flatten(list: Category[], depth = 0, out: { slug: string; label: string }[] = []) {
  for (const c of list) {
    out.push({ slug: c.slug, label: `${'\u3000'.repeat(depth)}${c.name}` });
    flatten(c.children, depth + 1, out);
  }
  return out;
}

export function PublishDialog({ mapId, title, onClose }: { mapId: string; title: string; onClose(): void }) {
  const [categories, setCategories] = useState<{ slug: string; label: string }[] | null>(null);
  const [before, setBefore] = useState<Published | null>(null);
  const [done, setDone] = useState<{ url: string; created: boolean } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const info = api<{ template: Published | null }>(`/api/maps/${encodeURIComponent(mapId)}/publish`).then((r) => r.template);
    Promise.all([api<{ categories: Category[] }>('/api/categories'), info])
      .then(([c, p]) => {
        setCategories(flatten(c.categories));
        setBefore(p);
      })
      .catch((e) => setError(String((e as Error).message)));
  }, [mapId]);

  const submit = async (form: FormData) => {
    setError('');
    const tags = parseTags(String(form.get('tags') ?? ''));
    if (tags.length > MAX_TAGS) return setError(tr(T(`标签最多 ${MAX_TAGS} 个`, `At most ${MAX_TAGS} tags`)));
    const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
    if (long)
      return setError(
        tr(T(`标签太长（最多 ${MAX_TAG_LENGTH} 个字）：${long}`, `Tag too long (${MAX_TAG_LENGTH} characters at most): ${long}`)),
      );
    setBusy(true);
    try {
      const r = await api<{ fileId: string; url: string }>(`/api/maps/${encodeURIComponent(mapId)}/publish`, {
        method: 'POST',
        body: { category: String(form.get('category') ?? ''), tags, description: String(form.get('description') ?? '').trim() },
      });
      setDone({ url: r.url, created: before === null });
      setBefore({
        fileId: r.fileId,
        url: r.url,
        category: String(form.get('category')),
        tags,
        description: String(form.get('description') ?? ''),
      });
    } catch (e) {
      setError(String((e as Error).message));
    }
    setBusy(false);
  };

  return (
    <Modal title={tr(T('发布为模板', 'Publish as a template'))} onClose={onClose} class="publish-dialog">
      <p class="muted">
        {tr(
          T(
            `“${title}”将出现在模板库中，任何人都能查看和使用它的副本；之后再次发布会更新模板。`,
            `“${title}” will be listed in the template library, where anyone can view it and use a copy; publishing again updates the template.`,
          ),
        )}
      </p>
      {before ? (
        <p>
          {tr(T('已发布：', 'Published: '))}
          <a href={before.url} target="_blank" rel="noopener">
            {tr(T('查看模板页', 'Open the template page'))}
          </a>
        </p>
      ) : null}
      {categories === null && !error ? <p>{tr(T('加载中…', 'Loading…'))}</p> : null}
      {categories ? (
        <form
          class="form-rows"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(new FormData(e.currentTarget));
          }}
        >
          <label>
            {tr(T('分类', 'Category'))}
            <select name="category" required data-autofocus>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug} selected={c.slug === before?.category}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {tr(T('标签（用逗号或空格分隔）', 'Tags (separated by commas or spaces)'))}
            <input name="tags" maxLength={MAX_TAGS * (MAX_TAG_LENGTH + 1)} defaultValue={before?.tags.join('，') ?? ''} />
          </label>
          <label>
            {tr(T('简介', 'Description'))}
            <textarea name="description" rows={4} maxLength={MAX_DESCRIPTION} defaultValue={before?.description ?? ''} />
          </label>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {before ? tr(T('更新模板', 'Update the template')) : tr(T('发布', 'Publish'))}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p role="alert" class="error-text">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" class="publish-done">
          {done.created
            ? tr(T('已发布到模板库。', 'Published to the template library.'))
            : tr(T('模板已更新。', 'The template is updated.'))}{' '}
          <a href={done.url} target="_blank" rel="noopener">
            {tr(T('打开模板页', 'Open the template page'))}
          </a>
        </p>
      ) : null}
    </Modal>
  );
}
