// Citations (引用法条): 《中华人民共和国劳动法》, 《社会保险费征缴暂行条例》(国务院令第25号), 《劳动法》第十条…
// collected in order of first appearance, without duplicates, under the law's full name. A citation can be
// resolved further against a catalogue of known laws (a template library's titles): its full name, the law
// it points to, and — for a law repealed or replaced — its successor.

/** Titles of legal and normative instruments end with one of these words (forms, certificates and plans do not). */
const INSTRUMENT =
  /(?:法|法典|宪法|条例|规定|办法|细则|决定|解释|规则|意见|通知|通告|公告|章程|公约|条约|协定|准则|规范|纲要|批复|命令|令|决议|守则|议定书|法规|规章|(?:若干|暂行|试行|实施)[^》]{0,4})$/;

const NUMERAL = '[零〇一二三四五六七八九十百千\\d]+';
const CITATION = new RegExp(
  `《([^《》\\n]{1,80})》(\\s*[（(][^()（）\\n]{1,30}[令号][)）])?((?:第${NUMERAL}条(?:之${NUMERAL})?)(?:第${NUMERAL}款)?(?:第${NUMERAL}项)?)?`,
  'g',
);

const PRC = '中华人民共和国';

/**
 * National laws usually cited without `中华人民共和国` (《劳动法》): their short names. Anything else is
 * resolved from the catalogue a caller passes (a library's own titles) or kept as written.
 */
const PRC_LAWS =
  '宪法 民法典 刑法 劳动法 劳动合同法 劳动争议调解仲裁法 就业促进法 社会保险法 工会法 职业病防治法 安全生产法 ' +
  '合同法 物权法 担保法 婚姻法 继承法 收养法 民法通则 民法总则 侵权责任法 公司法 合伙企业法 个人独资企业法 ' +
  '证券法 保险法 票据法 商业银行法 信托法 破产法 企业破产法 反垄断法 反不正当竞争法 消费者权益保护法 产品质量法 ' +
  '食品安全法 广告法 电子商务法 招标投标法 政府采购法 土地管理法 城市房地产管理法 农村土地承包法 ' +
  '著作权法 专利法 商标法 个人所得税法 企业所得税法 税收征收管理法 会计法 审计法 统计法 外商投资法 ' +
  '中外合资经营企业法 中外合作经营企业法 外资企业法 外商投资企业和外国企业所得税法 ' +
  '行政处罚法 行政许可法 行政复议法 行政诉讼法 行政强制法 国家赔偿法 民事诉讼法 刑事诉讼法 仲裁法 监察法 行政监察法 ' +
  '立法法 治安管理处罚法 治安管理处罚条例 道路交通安全法 未成年人保护法 妇女权益保障法 老年人权益保障法 ' +
  '教育法 义务教育法 高等教育法 教师法 环境保护法 网络安全法 数据安全法 个人信息保护法 国家安全法 突发事件应对法';
const SHORT_TO_FULL = new Map(PRC_LAWS.split(' ').map((s) => [s, PRC + s]));

export interface Repeal {
  /** Full name of the law that replaced it. */
  successor: string;
  /** Day the successor took effect and the law ceased to be in force (YYYY-MM-DD). */
  since: string;
}

/** Laws repealed or replaced, by full name. Only what is certain: each was abolished when its successor took effect. */
const REPEALED: ReadonlyMap<string, Repeal> = new Map(
  [
    ...['合同法', '物权法', '担保法', '婚姻法', '继承法', '民法通则', '民法总则', '侵权责任法', '收养法'].map(
      (s) => [s, '民法典', '2021-01-01'] as const,
    ),
    ...['中外合资经营企业法', '中外合作经营企业法', '外资企业法'].map((s) => [s, '外商投资法', '2020-01-01'] as const),
    ['外商投资企业和外国企业所得税法', '企业所得税法', '2008-01-01'] as const,
    ['治安管理处罚条例', '治安管理处罚法', '2006-03-01'] as const,
    ['行政监察法', '监察法', '2018-03-20'] as const,
  ].map(([law, successor, since]) => [PRC + law, { successor: PRC + successor, since }]),
);

/** One citation taken apart: the instrument's name as written, a decree number and the article cited. */
export interface CitationParts {
  name: string;
  decree?: string;
  /** `第十条`, `第十条第二款`… */
  article?: string;
}

/** A citation resolved: full name, the article, and a repeal; `text` is how it is listed (full name + decree + article). */
export interface ResolvedCitation extends CitationParts {
  text: string;
  /** The law's full name (中华人民共和国劳动法); the name as written when nothing better is known. */
  fullName: string;
  repealed?: Repeal;
}

/** A law's name without 中华人民共和国, version notes or spaces: how citations and titles are matched. */
export function lawKey(name: string): string {
  return name
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(][^()（）]*(?:年|版|修正|修订|试行|\d{4}-\d{2}-\d{2})[^()（）]*[)）]$/, '')
    .replace(/^中华人民共和国/, '');
}

/** Full names by key, from a catalogue's titles (a library of law templates): 劳动法 → 中华人民共和国劳动法. */
export function lawNames(titles: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of titles) {
    const title = raw.replace(/[\s\u3000]+/g, ' ').trim();
    // A part of a code is listed under the code (中华人民共和国民法典 合同编 → 民法典).
    const name = title.split(' ')[0] ?? '';
    if (!name.startsWith(PRC) || !INSTRUMENT.test(lawKey(name))) continue;
    const key = lawKey(name);
    if (key && !out.has(key)) out.set(key, PRC + key);
  }
  return out;
}

/** The parts of one citation string (`《劳动法》第十条`), or undefined when it is none. */
export function parseCitation(citation: string): CitationParts | undefined {
  CITATION.lastIndex = 0;
  const m = CITATION.exec(citation.trim());
  CITATION.lastIndex = 0;
  if (m?.index !== 0) return undefined;
  const parts: CitationParts = { name: (m[1] as string).trim() };
  const decree = (m[2] ?? '').trim();
  if (decree) parts.decree = decree.replace(/^\(/, '（').replace(/\)$/, '）');
  if (m[3]) parts.article = m[3];
  return parts;
}

/** Resolves a citation to the law's full name (built-in short names, then `names`, e.g. from `lawNames`) and its repeal. */
export function resolveCitation(citation: string, names?: ReadonlyMap<string, string>): ResolvedCitation | undefined {
  const parts = parseCitation(citation);
  if (!parts) return undefined;
  const key = lawKey(parts.name);
  const fullName = parts.name.startsWith(PRC) ? parts.name : (SHORT_TO_FULL.get(key) ?? names?.get(key) ?? parts.name);
  const out: ResolvedCitation = { ...parts, fullName, text: `《${fullName}》${parts.decree ?? ''}${parts.article ?? ''}` };
  const repealed = REPEALED.get(PRC + key);
  if (repealed && (fullName.startsWith(PRC) || SHORT_TO_FULL.has(key))) out.repealed = repealed;
  return out;
}

/** Collects the citations of `text` under their full names; `中华人民共和国` is ignored when telling duplicates apart. */
export function collectReferences(text: string, limit = 500): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    const name = (m[1] as string).trim();
    if (!INSTRUMENT.test(name)) continue;
    const resolved = resolveCitation(m[0]);
    if (!resolved) continue;
    const key = lawKey(resolved.fullName) + (resolved.article ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(resolved.text);
    if (out.length >= limit) break;
  }
  return out;
}
