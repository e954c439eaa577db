import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/server';
import { hub, post } from './support/hub';

/** What a new user copies first must work: the queries of the README and docs/, and the example `npm start` prints. */
const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const docs = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name: `docs/${name}`, text: fs.readFileSync(path.join(root, 'docs', name), 'utf8') }));
const graphqlBlocks = (text: string) => [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
const readmeQueries = graphqlBlocks(readme);
const docsQueries = docs.flatMap(({ name, text }) => graphqlBlocks(text).map((query, index) => [`${name} graphql block ${index + 1}`, query] as const));
const curlQueries = [...readme.matchAll(/-d '(\{"query":.*\})'/g)].map((match) => (JSON.parse(match[1]) as { query: string }).query);

describe('the documented examples', () => {
  it('the README has queries to try', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(2);
    expect(curlQueries.length).toBeGreaterThanOrEqual(1);
  });

  it('every docs/ page the README links to exists, and every page is linked', () => {
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((match) => match[1]);
    for (const page of linked) expect(fs.existsSync(path.join(root, page))).toBe(true);
    expect(new Set(linked)).toEqual(new Set(docs.map(({ name }) => name)));
  });

  it.each([
    ...readmeQueries.map((query, index) => [`README graphql block ${index + 1}`, query] as const),
    ...docsQueries,
    ...curlQueries.map((query, index) => [`README curl example ${index + 1}`, query] as const),
    ['the example printed by npm start and shown in the explorer', EXAMPLE_QUERY] as const,
  ])('%s runs without errors and finds data', async (_name, query) => {
    const result = await post<Record<string, unknown>>(hub().gatewayUrl, query, EXAMPLE_VARIABLES);
    expect(result.errors).toBeUndefined();
    for (const value of Object.values(result.data!)) expect(value).not.toBeNull();
  });
});
