// Citations (引用法条): 《中华人民共和国劳动法》, 《社会保险费征缴暂行条例》(国务院令第25号), 《劳动法》第十条…
// collected in order of first appearance, without duplicates.

/** Titles of legal and normative instruments end with one of these words (forms, certificates and plans do not). */
const INSTRUMENT =
  /(?:法|法典|宪法|条例|规定|办法|细则|决定|解释|规则|意见|通知|通告|公告|章程|公约|条约|协定|准则|规范|纲要|批复|命令|令|决议|守则|议定书|法规|规章|(?:若干|暂行|试行|实施)[^》]{0,4})$/;

const CITATION =
  /《([^《》\n]{1,80})》(\s*[（(][^()（）\n]{1,30}[令号][)）])?((?:第[零〇一二三四五六七八九十百千\d]+条)(?:第[零〇一二三四五六七八九十百千\d]+款)?(?:第[零〇一二三四五六七八九十百千\d]+项)?)?/g;

/** Collects the citations of `text`; `中华人民共和国` is ignored when telling duplicates apart. */
export function collectReferences(text: string, limit = 500): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    const name = (m[1] as string).trim();
    if (!INSTRUMENT.test(name)) continue;
    const decree = (m[2] ?? '').trim().replace(/^\(/, '（').replace(/\)$/, '）');
    const article = m[3] ?? '';
    const key = name.replace(/^中华人民共和国/, '') + article;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`《${name}》${decree}${article}`);
    if (out.length >= limit) break;
  }
  return out;
}
