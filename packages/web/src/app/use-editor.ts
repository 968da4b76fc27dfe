// Preact hooks over the editor's events: a panel re-renders when the document, the layout or the
// selection changes (coalesced to one render per animation frame on big maps).

import { useEffect, useReducer } from 'preact/hooks';
import type { Editor, EditorEvents } from '../editor/editor.ts';

/** Re-renders the component after any of the named editor events (at most once per frame). */
export function useEditorEvents(editor: Editor, names: readonly (keyof EditorEvents)[]): number {
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let raf = 0;
    const schedule = () => {
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        bump(undefined as never);
      });
    };
    const offs = names.map((n) => editor.on(n, schedule));
    return () => {
      cancelAnimationFrame(raf);
      for (const off of offs) off();
    };
  }, [editor, names.join(',')]);
  return tick;
}
