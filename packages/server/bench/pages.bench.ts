// Template library benchmark: a template page under load (autocannon), search over 10,000+
// templates, and an incremental publish (related lists refreshed) at that size — on SQLite.
// The server runs in a child process so that the load generator does not share its event loop.
// Prints figures; asserts nothing.

import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const GENERATED = Number(process.env.BENCH_TEMPLATES ?? 10_000);
const RUNS = 3;
const RUN_SECONDS = 5;
const SEARCH_REQUESTS = 400;

interface Ready {
  port: number;
  pageFileId: string;
  pageBytes: number;
  templates: number;
  setup: Record<string, number>;
  publishMs: number[];
}

// ---------- child: the server ----------

const progress = (msg: string) => process.stderr.write(`  [server] ${msg}\n`);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUBJECTS = [
  '民法',
  '刑法',
  '行政法',
  '考研政治',
  '考研英语',
  '高等数学',
  '教育学',
  '心理学',
  '会计',
  '税法',
  '经济法',
  '公司法',
  '劳动法',
  '项目管理',
  '产品设计',
  '市场营销',
  '历史',
  '地理',
  '物理',
  '化学',
  '生物',
  '计算机网络',
  '数据结构',
  '操作系统',
];
const WORDS = (
  '合同 违约 要约 承诺 物权 抵押 质押 侵权 赔偿 继承 婚姻 犯罪 刑罚 故意 过失 正当防卫 紧急避险 行政处罚 行政许可 复议 诉讼 证据 管辖 ' +
  '仲裁 调解 劳动合同 工资 社会保险 公司 股东 董事 破产 票据 保险 证券 税收 预算 会计 审计 成本 利润 资产 负债 市场 需求 供给 价格 ' +
  '函数 极限 导数 积分 矩阵 概率 统计 向量 方程 不等式 数列 几何 语法 词汇 阅读 写作 翻译 听力 哲学 唯物论 辩证法 认识论 实践 ' +
  '教育目的 课程 教学原则 学习动机 迁移 记忆 注意 思维 情绪 人格 发展 德育 班级管理 计划 目标 里程碑 风险 预算 复盘 会议 需求分析 ' +
  '用户 体验 原型 迭代 运营 渠道 品牌 竞争 战略 组织 领导 沟通 激励 绩效 招聘 培训 文化 历史 朝代 改革 革命 战争 条约 气候 地形 ' +
  '河流 人口 城市 农业 工业 力学 电磁 光学 热学 原子 分子 化学键 反应 溶液 细胞 遗传 进化 生态 算法 排序 查找 链表 树 图 进程 线程 内存'
).split(' ');

function generatedTemplate(i: number, next: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const subject = pick(SUBJECTS);
  const words = Array.from({ length: 12 }, () => pick(WORDS));
  const title = `${subject}${words[0]}${words[1]}思维导图 ${i}`;
  const description = `${subject}中关于${words[2]}、${words[3]}与${words[4]}的知识梳理，适合复习与备考。`;
  const outline = [0, 1, 2, 3]
    .map((c) => `第${c + 1}部分 ${words[4 + c]}\n  ${words[8 + (c % 4)]}的要点\n  ${pick(WORDS)}与${pick(WORDS)}`)
    .join('\n');
  return {
    title,
    description,
    outline,
    category: pick(['law-civil', 'law-criminal', 'kaoyan', 'teacher-cert', 'plan-project', 'notes-math']),
  };
}

async function serve(): Promise<void> {
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { seedDemoLibrary } = await import('../src/seed/index.ts');
  const { outlineToDoc } = await import('../src/seed/study-templates.ts');
  const { prepareTemplate } = await import('../src/templates/record.ts');
  const { insertTemplates } = await import('../src/templates/store.ts');
  type NewTemplate = import('../src/templates/store.ts').NewTemplate;
  const { rebuildAllRelated } = await import('../src/templates/related.ts');
  const dataDir = process.env.BENCH_DATA_DIR!;
  const setup: Record<string, number> = {};
  let t = performance.now();
  const app = await buildApp(loadConfig({ NODE_ENV: 'production' }, { dataDir, seedDemo: false, logger: false }));
  const seeded = await seedDemoLibrary(app.db, { dialect: app.dialect });
  setup.seedDemoMs = performance.now() - t;
  setup.seededTemplates = seeded.seeded;
  progress(`demo library seeded: ${seeded.seeded} templates`);

  t = performance.now();
  const next = rng(42);
  const owner = (await app.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
  const items: NewTemplate[] = [];
  for (let i = 0; i < GENERATED; i++) {
    const g = generatedTemplate(i, next);
    const doc = outlineToDoc(g.title, g.outline, 'mindmap', 'g');
    items.push({
      ownerId: owner,
      mapId: null,
      categorySlug: g.category,
      prepared: prepareTemplate({ title: g.title, description: g.description, tags: [], doc }),
      now: Date.now() - i,
    });
  }
  setup.generateMs = performance.now() - t;
  progress(`${GENERATED} templates generated and tokenized`);
  t = performance.now();
  await app.db.transaction().execute((trx) => insertTemplates(trx, items, 100));
  setup.insertMs = performance.now() - t;
  progress('inserted');
  t = performance.now();
  await rebuildAllRelated(app.db);
  setup.relatedAllMs = performance.now() - t;
  progress('related lists computed');

  // Publishing at this size: one new template, its related list and its neighbours' lists.
  const origin = 'http://bench.local';
  const signup = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers: { host: 'bench.local', origin },
    payload: { email: 'bench@example.org', password: 'correct horse battery', name: '压测' },
  });
  const cookie = `arbor_session=${signup.cookies.find((c) => c.name === 'arbor_session')?.value}`;
  const publishMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const g = generatedTemplate(GENERATED + i, next);
    const created = await app.inject({
      method: 'POST',
      url: '/api/maps',
      headers: { host: 'bench.local', origin, cookie },
      payload: { doc: outlineToDoc(g.title, g.outline) },
    });
    const mapId = created.json().map.id;
    const started = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/maps/${mapId}/publish`,
      headers: { host: 'bench.local', origin, cookie },
      payload: { description: g.description, category: g.category, tags: [] },
    });
    if (res.statusCode !== 201) throw new Error(`publish failed: ${res.body}`);
    publishMs.push(performance.now() - started);
  }

  const page = await app.db
    .selectFrom('templates')
    .select('file_id')
    .where('owner_id', '=', 'arbor-library')
    .where('title', 'like', '%劳动合同法%')
    .executeTakeFirst();
  const pageFileId = page?.file_id ?? (await app.db.selectFrom('templates').select('file_id').executeTakeFirstOrThrow()).file_id;
  const first = await app.inject({ url: `/templates/${pageFileId}` });
  const templates = Number(
    (
      await app.db
        .selectFrom('templates')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port, pageFileId, pageBytes: first.rawPayload.length, templates, setup, publishMs } satisfies Ready);
  process.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
}

// ---------- parent: the load ----------

const QUERIES = [
  '民法典',
  '劳动合同',
  '合同 违约',
  '考研政治',
  '辩证法',
  '行政处罚',
  '会计 成本',
  '数据结构 算法',
  '刑法 正当防卫',
  '教育学',
  '地方性法规',
  '北京',
  '人民法院 审判',
  '函数 极限',
  '项目管理 风险',
  '知识产权',
];

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const f1 = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arbor-bench-pages-'));
  const child = fork(new URL(import.meta.url).pathname, ['--serve'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATA_DIR: dataDir },
  });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ready));
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const s = ready.setup;
    console.log(
      `setup: demo library ${s.seededTemplates} templates in ${f1(s.seedDemoMs! / 1000)} s; ${GENERATED} generated templates tokenized in ${f1(s.generateMs! / 1000)} s, inserted in ${f1(s.insertMs! / 1000)} s, related lists for all in ${f1(s.relatedAllMs! / 1000)} s`,
    );
    const pub = [...ready.publishMs].sort((a, b) => a - b);
    console.log(
      `publish with ${ready.templates} templates (incremental related refresh): median ${f1(median(pub))} ms, min–max ${f1(pub[0]!)}–${f1(pub[pub.length - 1]!)} ms over ${pub.length} publishes`,
    );

    const url = `http://127.0.0.1:${ready.port}/templates/${ready.pageFileId}`;
    console.log(
      `template page ${url.replace(/^http:\/\/[^/]+/, '')} (${(ready.pageBytes / 1024).toFixed(0)} KiB), autocannon ${RUNS} × ${RUN_SECONDS} s, 20 connections:`,
    );
    await autocannon({ url, connections: 4, duration: 1 }); // warm-up
    const rps: number[] = [];
    const p99: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await autocannon({ url, connections: 20, duration: RUN_SECONDS });
      rps.push(r.requests.average);
      p99.push(r.latency.p99);
      console.log(
        `  run ${run + 1}: ${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}`,
      );
    }
    console.log(
      `  => req/s median ${median(rps).toFixed(0)} (min–max ${Math.min(...rps).toFixed(0)}–${Math.max(...rps).toFixed(0)}), p99 median ${median(p99)} ms (min–max ${Math.min(...p99)}–${Math.max(...p99)} ms)`,
    );

    console.log(
      `search over ${ready.templates} templates: ${SEARCH_REQUESTS} sequential requests × ${RUNS} runs, ${QUERIES.length} queries, sort relevance/hot/new:`,
    );
    const sorts = ['relevance', 'hot', 'new'];
    const p95s: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times: number[] = [];
      for (let i = 0; i < SEARCH_REQUESTS; i++) {
        const q = QUERIES[i % QUERIES.length]!;
        times.push(await get(ready.port, `/api/templates?q=${encodeURIComponent(q)}&sort=${sorts[i % 3]}&page=${1 + (i % 2)}`));
      }
      times.sort((a, b) => a - b);
      p95s.push(percentile(times, 95));
      console.log(
        `  run ${run + 1}: median ${f1(percentile(times, 50))} ms, p95 ${f1(percentile(times, 95))} ms, max ${f1(times[times.length - 1]!)} ms`,
      );
    }
    console.log(`  => p95 median ${f1(median(p95s))} ms (min–max ${f1(Math.min(...p95s))}–${f1(Math.max(...p95s))} ms)`);
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
