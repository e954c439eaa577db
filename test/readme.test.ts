import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/server';
import { hub, post } from './support/hub';

/** What a new user copies first must work: the README's queries and the example `npm start` prints. */
const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const readmeQueries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
const curlQueries = [...readme.matchAll(/-d '(\{"query":.*\})'/g)].map((match) => (JSON.parse(match[1]) as { query: string }).query);

describe('the documented examples', () => {
  it('the README has queries to try', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(2);
    expect(curlQueries.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ...readmeQueries.map((query, index) => [`README graphql block ${index + 1}`, query] as const),
    ...curlQueries.map((query, index) => [`README curl example ${index + 1}`, query] as const),
    ['the example printed by npm start and shown in the explorer', EXAMPLE_QUERY] as const,
  ])('%s runs without errors and finds data', async (_name, query) => {
    const result = await post<Record<string, unknown>>(hub().gatewayUrl, query, EXAMPLE_VARIABLES);
    expect(result.errors).toBeUndefined();
    for (const value of Object.values(result.data!)) expect(value).not.toBeNull();
  });
});
