import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/server';
import { hub, post } from './support/hub';
import { as, closeKeyStore } from './support/access';
import { isRole, type Role } from '../platform/access/roles';

/** What a new user copies first must work: the queries of the README and docs/, and the example `npm start` prints. */
const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const docs = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name: `docs/${name}`, text: fs.readFileSync(path.join(root, 'docs', name), 'utf8') }));
// A block fenced ```graphql <role> [scope] (official 24, say) runs with a key of that role and scope; a plain one
// runs anonymously.
const roleBlocks = (text: string) => [...text.matchAll(/```graphql(?: (\w+)(?: (\w+))?)?\n([\s\S]*?)```/g)].map((match) => ({ role: (isRole(match[1]) ? match[1] : 'public') as Role, scope: match[2] as string | undefined, query: match[3] }));
const graphqlBlocks = (text: string) => roleBlocks(text).filter((block) => block.role === 'public').map((block) => block.query);
const readmeQueries = graphqlBlocks(readme);
const readmeRoleBlocks = roleBlocks(readme).filter((block) => block.role !== 'public');
const asLabel = (role: Role, scope?: string) => (role === 'public' ? '' : ` (as ${role}${scope ? ` of ${scope}` : ''})`);
const docsQueries = docs.flatMap(({ name, text }) => roleBlocks(text).map(({ role, scope, query }, index) => [`${name} graphql block ${index + 1}${asLabel(role, scope)}`, query, role, scope] as const));

afterAll(closeKeyStore);
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
    ...readmeQueries.map((query, index) => [`README graphql block ${index + 1}`, query, 'public', undefined] as const),
    ...readmeRoleBlocks.map(({ role, scope, query }, index) => [`README access example ${index + 1}${asLabel(role, scope)}`, query, role, scope] as const),
    ...docsQueries,
    ...curlQueries.map((query, index) => [`README curl example ${index + 1}`, query, 'public', undefined] as const),
    ['the example printed by npm start and shown in the explorer', EXAMPLE_QUERY, 'public', undefined] as const,
  ])('%s runs without errors and finds data', async (_name, query, role: Role, scope?: string) => {
    const result = await post<Record<string, unknown>>(hub().gatewayUrl, query, EXAMPLE_VARIABLES, await as(role, scope));
    expect(result.errors).toBeUndefined();
    for (const value of Object.values(result.data!)) expect(value).not.toBeNull();
  });

  it('the README shows a partner, a trade officer and an official each getting data an anonymous caller may not see', async () => {
    expect(readmeRoleBlocks.map((block) => block.role).sort()).toEqual(['official', 'partner', 'trade']);
    for (const { role, scope, query } of readmeRoleBlocks) {
      const anonymous = await post<Record<string, unknown>>(hub().gatewayUrl, query, EXAMPLE_VARIABLES);
      const refused = (anonymous.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => error.path!);
      expect(refused.length).toBeGreaterThan(0);
      // What the anonymous caller was refused, the credential's holder gets.
      const allowed = await post<Record<string, unknown>>(hub().gatewayUrl, query, EXAMPLE_VARIABLES, await as(role, scope));
      for (const path of refused) {
        const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | null)?.[key], allowed.data);
        expect([role, path.join('.'), value]).not.toEqual([role, path.join('.'), null]);
        expect([role, path.join('.'), value]).not.toEqual([role, path.join('.'), undefined]);
      }
    }
  });
});
