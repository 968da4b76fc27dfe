// Marker ids: Arbor uses XMind-style ids (`priority-1`, `flag-red`, `star-yellow`, `smiley-laugh`…),
// except that task progress is a percentage (`task-0` … `task-100`) rather than XMind's eighths
// (`task-start`, `task-oct`, `task-quarter`…). This module maps XMind, FreeMind/Freeplane and
// MindManager marker/icon ids to Arbor ids and back. Unknown ids map to `undefined` so that the
// importer can list them in the report instead of keeping ids no renderer understands.

/** Task progress steps, in eighths of a task, as Arbor marker ids. */
export const TASK_PERCENTS = [0, 12, 25, 38, 50, 62, 75, 88, 100] as const;

const XMIND_TASK_IDS = [
  'task-start',
  'task-oct',
  'task-quarter',
  'task-3oct',
  'task-half',
  'task-5oct',
  'task-3quar',
  'task-7oct',
  'task-done',
];

/** Families whose suffix (a colour, a direction, a name) is kept as XMind writes it. */
const FAMILIES = ['flag', 'star', 'half-star', 'people', 'tag', 'smiley', 'arrow', 'symbol', 'month', 'week', 'other'];
const FAMILY_RE = new RegExp(`^(?:${FAMILIES.join('|')})-[a-z0-9]+(?:-[a-z0-9]+)*$`);
const PRIORITY_RE = /^priority-[1-9]$/;
const TASK_RE = /^task-(?:0|12|25|38|50|62|75|88|100)$/;

/** True for ids Arbor knows how to show. */
export function isArborMarker(id: string): boolean {
  return PRIORITY_RE.test(id) || TASK_RE.test(id) || FAMILY_RE.test(id);
}

/** The task marker nearest to a completion percentage (0–100). */
export function taskMarkerForPercent(percent: number): string {
  const p = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  let best: number = TASK_PERCENTS[0];
  for (const step of TASK_PERCENTS) if (Math.abs(step - p) < Math.abs(best - p)) best = step;
  return `task-${best}`;
}

/** Completion percentage of a task marker, or undefined for other markers. */
export function percentOfTaskMarker(id: string): number | undefined {
  return TASK_RE.test(id) ? Number(id.slice(5)) : undefined;
}

// XMind 8 custom markers that XMind itself shipped under a `c_simbol-` prefix.
const XMIND_ALIASES: Record<string, string> = {
  'c_simbol-right': 'symbol-right',
  'c_simbol-wrong': 'symbol-wrong',
  'c_simbol-pause': 'symbol-pause',
  'c_simbol-minus': 'symbol-minus',
  'c_simbol-plus': 'symbol-plus',
  'c_simbol-question': 'symbol-question',
  'c_simbol-exclam': 'symbol-exclam',
};

/** XMind (Zen or 8) marker id → Arbor marker id; undefined for custom markers Arbor cannot show. */
export function xmindMarkerToArbor(id: string): string | undefined {
  const task = XMIND_TASK_IDS.indexOf(id);
  if (task >= 0) return `task-${TASK_PERCENTS[task]}`;
  const alias = XMIND_ALIASES[id];
  if (alias) return alias;
  if (PRIORITY_RE.test(id) || FAMILY_RE.test(id)) return id;
  return undefined;
}

/** Arbor marker id → XMind marker id (the same id except task progress). */
export function arborMarkerToXmind(id: string): string {
  const percent = percentOfTaskMarker(id);
  if (percent === undefined) return id;
  return XMIND_TASK_IDS[TASK_PERCENTS.indexOf(percent as (typeof TASK_PERCENTS)[number])] ?? 'task-start';
}

// FreeMind / Freeplane built-in icon names (the `BUILTIN` attribute) ↔ Arbor.
const FREEMIND_TO_ARBOR: Record<string, string> = {
  'full-1': 'priority-1',
  'full-2': 'priority-2',
  'full-3': 'priority-3',
  'full-4': 'priority-4',
  'full-5': 'priority-5',
  'full-6': 'priority-6',
  'full-7': 'priority-7',
  'full-8': 'priority-8',
  'full-9': 'priority-9',
  '0%': 'task-0',
  '25%': 'task-25',
  '50%': 'task-50',
  '75%': 'task-75',
  '100%': 'task-100',
  button_ok: 'symbol-right',
  button_cancel: 'symbol-wrong',
  yes: 'symbol-exclam',
  help: 'symbol-question',
  messagebox_warning: 'symbol-attention',
  info: 'symbol-info',
  stop: 'symbol-no-entry',
  'stop-sign': 'symbol-no-entry',
  idea: 'symbol-idea',
  password: 'symbol-lock',
  closed: 'symbol-lock',
  attach: 'symbol-attachment',
  bookmark: 'symbol-bookmark',
  bell: 'symbol-bell',
  pencil: 'symbol-pencil',
  list: 'symbol-list',
  flag: 'flag-red',
  'flag-black': 'flag-black',
  'flag-blue': 'flag-blue',
  'flag-green': 'flag-green',
  'flag-orange': 'flag-orange',
  'flag-pink': 'flag-pink',
  'flag-yellow': 'flag-yellow',
  back: 'arrow-left',
  forward: 'arrow-right',
  up: 'arrow-up',
  down: 'arrow-down',
  ksmiletris: 'smiley-smile',
  'smiley-neutral': 'smiley-boring',
  'smiley-oh': 'smiley-surprise',
  'smiley-angry': 'smiley-angry',
  smily_bad: 'smiley-cry',
  calendar: 'other-calendar',
  Mail: 'other-email',
  internet: 'other-internet',
  video: 'other-video',
  gohome: 'other-home',
  kaddressbook: 'other-phone',
  male1: 'people-blue',
  female1: 'people-red',
};

/** FreeMind/Freeplane built-in icon → Arbor marker id; undefined when Arbor has no such marker. */
export function freemindIconToArbor(name: string): string | undefined {
  return Object.hasOwn(FREEMIND_TO_ARBOR, name) ? FREEMIND_TO_ARBOR[name] : undefined;
}

const ARBOR_TO_FREEMIND: Record<string, string> = {};
for (const [icon, marker] of Object.entries(FREEMIND_TO_ARBOR)) ARBOR_TO_FREEMIND[marker] ??= icon;
// Nearest FreeMind icons for Arbor markers that have no exact counterpart.
Object.assign(ARBOR_TO_FREEMIND, { 'task-12': '0%', 'task-38': '25%', 'task-62': '50%', 'task-88': '75%' });

/** Arbor marker id → FreeMind built-in icon; undefined when FreeMind has no matching icon. */
export function arborMarkerToFreemindIcon(id: string): string | undefined {
  if (Object.hasOwn(ARBOR_TO_FREEMIND, id)) return ARBOR_TO_FREEMIND[id];
  if (id.startsWith('flag-')) return 'flag';
  return undefined;
}

// MindManager stock icons (`IconType="urn:mindjet:…"`) → Arbor.
const MINDMANAGER_TO_ARBOR: Record<string, string> = {
  ExclamationMark: 'symbol-exclam',
  QuestionMark: 'symbol-question',
  Emergency: 'symbol-attention',
  ArrowUp: 'arrow-up',
  ArrowDown: 'arrow-down',
  ArrowLeft: 'arrow-left',
  ArrowRight: 'arrow-right',
  FlagBlack: 'flag-black',
  FlagBlue: 'flag-blue',
  FlagGreen: 'flag-green',
  FlagOrange: 'flag-orange',
  FlagPurple: 'flag-purple',
  FlagRed: 'flag-red',
  FlagYellow: 'flag-yellow',
  SmileyHappy: 'smiley-smile',
  SmileyNeutral: 'smiley-boring',
  SmileySad: 'smiley-cry',
  SmileyAngry: 'smiley-angry',
  SmileyScreaming: 'smiley-surprise',
  ThumbsUp: 'symbol-thumbs-up',
  ThumbsDown: 'symbol-thumbs-down',
  Calendar: 'other-calendar',
  Dollar: 'other-dollar',
};

/** MindManager stock icon type (with or without the `urn:mindjet:` prefix) → Arbor marker id. */
export function mindManagerIconToArbor(iconType: string): string | undefined {
  const name = iconType.replace(/^urn:mindjet:/, '');
  return Object.hasOwn(MINDMANAGER_TO_ARBOR, name) ? MINDMANAGER_TO_ARBOR[name] : undefined;
}

/** MindManager task priority (`urn:mindjet:Prio1` … `Prio9`) → Arbor priority marker. */
export function mindManagerPriorityToArbor(priority: string): string | undefined {
  const m = /Prio([1-9])$/.exec(priority);
  return m ? `priority-${m[1]}` : undefined;
}
