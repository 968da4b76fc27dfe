// Common Chinese abbreviations (简称) and the full terms documents use for them. A search for the
// short form also looks for the full ones (社保 → 社会保险), so a law titled with the full name is
// found and ranked by its title. Keys and values are literal text; a key found inside a longer
// query segment is replaced in place (社保缴费 → 社会保险缴费).

export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  社保: ['社会保险'],
  五险一金: ['社会保险', '住房公积金'],
  医保: ['医疗保险', '医疗保障'],
  养老金: ['养老保险', '基本养老金'],
  公积金: ['住房公积金'],
  个税: ['个人所得税'],
  企税: ['企业所得税'],
  增值税: ['增值税'],
  劳动合同: ['劳动合同法'],
  劳动仲裁: ['劳动争议仲裁', '劳动争议调解仲裁'],
  工伤: ['工伤保险'],
  失业金: ['失业保险'],
  产假: ['女职工劳动保护', '生育保险'],
  个体户: ['个体工商户'],
  消法: ['消费者权益保护法'],
  消保: ['消费者权益保护'],
  个保法: ['个人信息保护法'],
  个人信息: ['个人信息保护'],
  交规: ['道路交通安全法', '道路交通安全'],
  民诉: ['民事诉讼法', '民事诉讼'],
  刑诉: ['刑事诉讼法', '刑事诉讼'],
  行诉: ['行政诉讼法', '行政诉讼'],
  民法: ['民法典'],
  婚姻法: ['婚姻家庭', '民法典'],
  合同法: ['合同编', '民法典'],
  物权法: ['物权编', '民法典'],
  继承法: ['继承编', '民法典'],
  侵权法: ['侵权责任'],
  反垄断: ['反垄断法'],
  反不正当竞争: ['反不正当竞争法'],
  著作权: ['版权'],
  版权: ['著作权'],
  公司法: ['公司法'],
  法考: ['司法考试', '法律职业资格考试'],
  司考: ['司法考试', '法律职业资格考试'],
  考研: ['研究生考试', '研究生入学考试'],
  教资: ['教师资格'],
  公考: ['公务员考试'],
  国考: ['公务员考试'],
  四六级: ['大学英语四级', '大学英语六级'],
  安监: ['安全生产'],
  环保: ['环境保护'],
  食安: ['食品安全'],
  网安: ['网络安全'],
  数安: ['数据安全'],
  知产: ['知识产权'],
  房产: ['房地产', '不动产'],
  拆迁: ['征收与补偿', '房屋征收'],
};

/** Keys longest first, so 个人信息 is tried before a shorter key it contains. */
const KEYS = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length);

/**
 * The other ways of writing one query segment: each abbreviation it contains replaced by each of
 * its full forms (one abbreviation at a time; at most `max` variants). The segment itself is not
 * included.
 */
export function expansionsOf(segment: string, max = 6): string[] {
  const out: string[] = [];
  for (const key of KEYS) {
    const at = segment.indexOf(key);
    if (at < 0) continue;
    for (const full of ABBREVIATIONS[key]!) {
      // A full form already written out (社会保险 in 社会保险法) is not expanded again.
      if (segment.includes(full)) continue;
      const variant = segment.slice(0, at) + full + segment.slice(at + key.length);
      if (variant !== segment && !out.includes(variant)) out.push(variant);
      if (out.length >= max) return out;
    }
  }
  return out;
}
