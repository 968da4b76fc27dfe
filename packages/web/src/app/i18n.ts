// Two languages (简体中文 first, English second): a string is a pair, picked by the page's language.
// The choice comes from the `lang` cookie, else the browser's languages; `setLang` remembers it.

export type Lang = 'zh' | 'en';
export interface Text {
  zh: string;
  en: string;
}

function detect(): Lang {
  if (typeof document === 'undefined') return 'zh';
  const m = /(?:^|;\s*)lang=(zh|en)/.exec(document.cookie);
  if (m) return m[1] as Lang;
  const langs = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const l of langs) {
    if (/^zh/i.test(l)) return 'zh';
    if (/^en/i.test(l)) return 'en';
  }
  return 'zh';
}

let current: Lang = detect();

export const lang = (): Lang => current;

export function setLang(l: Lang): void {
  current = l;
  if (typeof document !== 'undefined') {
    // biome-ignore lint/suspicious/noDocumentCookie: one fixed preference the server's pages read too
    document.cookie = `lang=${l}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }
}

/** The string of a pair in the current language. */
export const tr = (t: Text): string => t[current];

/** A pair from two strings. */
export const T = (zh: string, en: string): Text => ({ zh, en });
