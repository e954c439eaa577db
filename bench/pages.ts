import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/repo-root';
import { describeMachine } from './machine';

/**
 * `npm run bench:pages -- [gateway URL]`: what the people-facing pages cost, written to bench/results/pages.json:
 * the trace page's size and latency (sequential requests, as phones arrive one by one) on a running hub, and the
 * size of the explorer and dashboard bundles in dist/web.
 */
async function main(): Promise<void> {
  const gatewayUrl = process.argv[2] ?? process.env.NONGSAN_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const origin = new URL(gatewayUrl).origin;
  const requests = Number(process.env.BENCH_REQUESTS ?? 300);
  const answer = (await (
    await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ listings(first: 20) { nodes { lots { traceCodes { code } } } } }' }),
    })
  ).json()) as { data: { listings: { nodes: Array<{ lots: Array<{ traceCodes: Array<{ code: string }> }> }> } } };
  const codes = answer.data.listings.nodes.flatMap((listing) => listing.lots.flatMap((lot) => lot.traceCodes.map((traceCode) => traceCode.code)));
  if (!codes.length) throw new Error(`No QR code on ${gatewayUrl}: start the hub with demo data (npm start).`);

  const timings: number[] = [];
  let bytes = 0;
  for (let index = 0; index < requests; index++) {
    const started = performance.now();
    const response = await fetch(`${origin}/trace/${codes[index % codes.length]}`);
    const body = await response.arrayBuffer();
    timings.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`The trace page answered ${response.status}.`);
    bytes = Math.max(bytes, body.byteLength);
  }
  timings.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] * 10) / 10;

  const assets = path.join(repoRoot(), 'dist', 'web', 'assets');
  const files = fs.existsSync(assets) ? fs.readdirSync(assets) : [];
  const size = (prefix: string) =>
    files.filter((file) => file.startsWith(prefix)).reduce((sum, file) => sum + fs.statSync(path.join(assets, file)).size, 0);
  const figures = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    tracePage: { requests, distinctCodes: codes.length, largestPageBytes: bytes, p50Ms: percentile(50), p95Ms: percentile(95), p99Ms: percentile(99) },
    bundles: {
      totalBytes: files.reduce((sum, file) => sum + fs.statSync(path.join(assets, file)).size, 0),
      explorerEntryBytes: size('explorer-'),
      dashboardEntryBytes: size('dashboard-'),
      editorWorkersBytes: size('editor.worker') + size('graphql.worker') + size('json.worker'),
    },
  };
  const out = path.join(repoRoot(), 'bench', 'results', 'pages.json');
  fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
  console.log(`Written to ${path.relative(repoRoot(), out)}.`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
