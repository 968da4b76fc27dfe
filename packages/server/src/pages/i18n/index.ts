// The pages' two languages: 简体中文 (default) and English. The language comes from a `lang`
// cookie (set by the switch link, remembered for a year), else from Accept-Language. Dates and
// numbers are formatted in the reader's locale; times are shown on China Standard Time, the clock
// of the library's audience, with the zone named in English.

import type { FastifyRequest } from 'fastify';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type Messages = typeof zh;
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const LANG_COOKIE = 'lang';

const MESSAGES: Record<Lang, Messages> = { zh, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/**
 * The preferred language in an Accept-Language header: the highest-q tag we speak (zh-* → zh,
 * en-* → en), Chinese when none matches or the header is absent or malformed.
 */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  let best: Lang = 'zh';
  let bestQ = -1;
  for (const part of header.slice(0, 500).split(',')) {
    const [tagRaw, ...params] = part.trim().split(';');
    const tag = (tagRaw ?? '').trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    const lang: Lang | null = tag === 'zh' || tag.startsWith('zh-') ? 'zh' : tag === 'en' || tag.startsWith('en-') ? 'en' : null;
    if (lang && q > 0 && q > bestQ) {
      best = lang;
      bestQ = q;
    }
  }
  return best;
}

/** The page language of a request: the remembered choice, else the browser's preference. */
export function requestLang(request: FastifyRequest): Lang {
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  return langFromAcceptLanguage(request.headers['accept-language']);
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A count in the reader's locale (12,345 in both of ours; kept behind one function all the same). */
export function formatNumber(n: number, lang: Lang): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(messages(lang).locale)));
  return f.format(n);
}

/** A date (and optionally the time) in the reader's locale, on China Standard Time. */
export function formatDate(ms: number, lang: Lang, withTime = false): string {
  const key = `${lang}|${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(messages(lang).locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: lang === 'zh' ? '2-digit' : 'short',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(lang === 'en' ? { timeZoneName: 'short' } : {}) } : {}),
    });
    dateFormats.set(key, f);
  }
  return f.format(ms);
}
