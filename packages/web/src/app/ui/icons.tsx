// Toolbar icons as inline SVG (no icon font, no emoji: both depend on fonts a machine may lack).

const PATHS: Record<string, string> = {
  'topic.addChild': 'M4 5h7v5H4zM11 7.5h3v9h4M14 16.5h0M18 14h5v5h-5z',
  'topic.addSibling': 'M6 4h10v5H6zM6 15h10v5H6zM11 9v6',
  'topic.addParent': 'M4 15h7v5H4zM14 4h7v5h-7zM11 17.5h1.5V6.5H14',
  'topic.delete': 'M5 7h14M9 7V4h6v3M7 7l1 13h8l1-13M10 11v6M14 11v6',
  'history.undo': 'M9 7H4V2M4 7a8 8 0 1 1-1 7',
  'history.redo': 'M15 7h5V2M20 7a8 8 0 1 0 1 7',
  'topic.fold': 'M4 4h16v16H4zM8 12h8',
  find: 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12M14.5 14.5L20 20',
  'relationship.add': 'M4 18C6 6 18 6 20 18M17 15l3 3 1-4',
  'summary.add': 'M6 4c3 0 3 2 3 4v2c0 1 1 2 2 2c-1 0-2 1-2 2v2c0 2 0 4-3 4M14 12h6',
  'boundary.add': 'M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z',
  'topic.addFloating': 'M6 8h12v8H6zM12 2v3M12 19v3',
};

export function Icon({ id }: { id: string }) {
  const d = PATHS[id];
  if (!d) return <span aria-hidden="true">•</span>;
  return (
    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
