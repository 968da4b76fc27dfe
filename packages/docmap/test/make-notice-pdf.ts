// Writes the evaluation case cases/cn_pdf_notice_title.pdf (and its .bodytext.txt): a notice laid out as
// government notices are published, its title centred over three lines above the 发文字号, then the
// addressees, numbered sections and a signature. Run: npx tsx packages/docmap/test/make-notice-pdf.ts

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const TITLE = ['滨江市人民政府办公室关于印发', '滨江市进一步优化营商环境', '若干措施的通知'];
const NUMBER = '滨政办发〔2024〕18号';
type Line = { text: string; style: 'h1' | 'h2' | 'body' | 'right' };
const BODY: Line[] = [
  { text: '各区人民政府，市政府各部门，各有关单位：', style: 'body' },
  {
    text: '《滨江市进一步优化营商环境若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。执行中遇到的问题，请及时向市发展改革委反映。',
    style: 'body',
  },
  { text: '一、提升政务服务效能', style: 'h1' },
  { text: '（一）推行“一网通办”。除法律法规另有规定外，政务服务事项全部纳入市一体化政务服务平台办理。', style: 'body' },
  { text: '（二）压减办理时限。企业开办时间压减至1个工作日以内，不动产登记一般业务5个工作日内办结。', style: 'body' },
  { text: '二、降低企业经营成本', style: 'h1' },
  { text: '（一）落实减税降费政策。全面落实国家和省出台的各项税费优惠政策，确保应享尽享。', style: 'body' },
  { text: '（二）降低用地成本。工业用地可采取长期租赁、先租后让、弹性年期等方式供应。', style: 'body' },
  { text: '（三）降低融资成本。设立中小企业应急转贷资金，为企业提供短期周转支持。', style: 'body' },
  { text: '三、加强组织保障', style: 'h1' },
  { text: '各区、各部门要明确责任分工，制定具体实施方案，于每季度末将落实情况报市发展改革委。', style: 'body' },
  { text: '滨江市人民政府办公室', style: 'right' },
  { text: '2024年5月20日', style: 'right' },
];

const doc = new PDFDocument({ size: 'A4', margin: 72 });
doc.registerFont('regular', FONT_REGULAR);
doc.registerFont('bold', FONT_BOLD);
const chunks: Buffer[] = [];
doc.on('data', (c: Buffer) => chunks.push(c));
doc.on('end', () => {
  const base = new URL('./cases/cn_pdf_notice_title', import.meta.url).pathname;
  writeFileSync(`${base}.pdf`, Buffer.concat(chunks));
  writeFileSync(`${base}.bodytext.txt`, `${[...TITLE, NUMBER, ...BODY.map((l) => l.text)].join('\n')}\n`);
});
doc.font('bold').fontSize(20);
for (const line of TITLE) doc.text(line, { align: 'center' });
doc.moveDown(0.5);
doc.font('regular').fontSize(14).text(NUMBER, { align: 'center' });
doc.moveDown();
for (const l of BODY) {
  if (l.style === 'h1') doc.font('bold').fontSize(14).text(l.text);
  else if (l.style === 'right') doc.font('regular').fontSize(14).text(l.text, { align: 'right' });
  else doc.font('regular').fontSize(14).text(l.text, { indent: 28 });
  doc.moveDown(0.3);
}
doc.end();
