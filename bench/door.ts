import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { readSupergraph } from '../gateway/main';
import { createAdmission } from '../platform/graphql/admission';
import { limitsFromEnv } from '../platform/graphql/limits';
import type { HttpRequest } from '../platform/server/http';
import { repoRoot } from '../platform/repo-root';
import { describeMachine } from './machine';

/**
 * `npm run bench:door`: what the checks at the door (platform/graphql/admission.ts) cost per request, for the
 * flagship query and for the hostile documents of issue 9, in-process (no network). Writes bench/results/door.json.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const schema = Supergraph.build(readSupergraph(root)).apiSchema().toGraphQLJSSchema();
  const admit = createAdmission({ schema: () => schema, settings: limitsFromEnv({ NONGSAN_RATE_LIMITS: 'off' }) });
  const journey = fs.readFileSync(path.join(root, 'test', 'operations', 'journey.graphql'), 'utf8');
  const documents: Record<string, string> = {
    'Journey (admitted)': journey,
    'depth 300': `{ household(id: "x") { ${'commune { province { communes { '.repeat(100)}code${' } } }'.repeat(100)} } }`,
    '5,000 aliases': `{ ${Array.from({ length: 5000 }, (_, index) => `a${index}: __typename`).join(' ')} }`,
    '1,000 aliased households(first: 100)': `{ ${Array.from({ length: 1000 }, (_, index) => `h${index}: households(first: 100) { nodes { id shops { listings { title } } } }`).join(' ')} }`,
    '1 MB document': `{ ${'province(code: "20") { name } '.repeat(35_000)} }`,
  };
  const context = async () => ({ viewer: { role: 'public', subject: 'anonymous', scopes: [] } });
  const results: Record<string, { outcome: string; firstMs: number; medianMs: number; runs: number }> = {};
  for (const [name, query] of Object.entries(documents)) {
    const times: number[] = [];
    let outcome = '';
    for (let run = 0; run < 50; run += 1) {
      // A new variable each run defeats nothing: the cache is per document and role, as in a real hub.
      const request: HttpRequest = { method: 'POST', path: '/graphql', search: '', headers: {}, body: Buffer.alloc(0), remoteAddress: '127.0.0.1', requestId: 'bench-door' };
      const started = process.hrtime.bigint();
      const admission = await admit(request, { query, variables: { id: 'HH-07582-00001' } }, context);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      outcome = admission && 'response' in admission ? `refused ${admission.response.status} ${String(JSON.parse(String(admission.response.body)).errors[0].extensions.limit)}` : 'admitted';
    }
    const sorted = [...times].sort((a, b) => a - b);
    results[name] = { outcome, firstMs: round(times[0]), medianMs: round(sorted[Math.floor(sorted.length / 2)]), runs: times.length };
  }
  const file = path.join(root, 'bench', 'results', 'door.json');
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine: describeMachine(), results }, null, 2)}\n`);
  console.table(results);
  console.log(`written to ${file}`);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
