import { demoDataset } from '../demo/dataset';
import { labelledLinkingSet, scoreLinking, type RegisteredHead } from '../demo/linking-set';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { AMBIGUITY_BITS, reviewReasonOf, runnerUpMargin } from '../platform/linking/decision';
import { foldedNameWords } from '../platform/linking/names';
import { nationalIdHash } from '../platform/identity/normalise';
import { HOUSEHOLD_MATCH_PATH, httpHouseholdMatcher } from '../platform/linking/http-matcher';
import type { HouseholdMatcher, IdentityEvidence } from '../platform/linking/types';
import { DEVELOPMENT_INTERNAL_TOKEN } from '../platform/server/internal-token';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { createRegistryMatcher } from '../subgraphs/registry/linking';
import { hub, post, statementCounts } from './support/hub';
import { freePort } from './support/free-port';

const households = demoDataset().households;
const registryBaseUrl = () => hub().subgraphUrls.registry.replace(/\/graphql$/, '');
let database: SubgraphDatabase;
let matcher: HouseholdMatcher;

beforeAll(async () => {
  database = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
  matcher = createRegistryMatcher(database.orm.em.fork());
});

afterAll(() => database.close());

const swapped = (name: string) => {
  const words = name.split(' ');
  return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
};
const withoutDiacritics = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
/** Households whose head's name is the only one of its kind in the commune (folded, in any order). */
const uniquelyNamed = households.filter(
  (household) => households.filter((other) => other.communeCode === household.communeCode && foldedNameWords(other.head.fullName).join(' ') === foldedNameWords(household.head.fullName).join(' ')).length === 1,
);

describe('matching a record of another source to a registry household', () => {
  it('links by the keyed hash of the ID number, whatever else the record says', async () => {
    const [household] = households;
    const [match] = await matcher.match([{ nationalIdHash: nationalIdHash(household.head.nationalId), name: 'Tên Khác Hẳn' }]);
    expect(match).toMatchObject({ householdId: household.id, method: 'NATIONAL_ID', confidence: 1, status: 'LINKED' });
  });

  it('links by phone written in any common format', async () => {
    const household = households[5];
    const national = household.head.phone.slice(3);
    const written = [household.head.phone, `0${national}`, `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, `84${national}`];
    const matches = await matcher.match(written.map((phone) => ({ phone, name: household.head.fullName })));
    for (const match of matches) expect(match).toMatchObject({ householdId: household.id, method: 'PHONE', status: 'LINKED' });
  });

  it('links by name in the same commune, with the name order swapped and the diacritics missing, when the birth year agrees', async () => {
    const household = uniquelyNamed[3];
    const written = withoutDiacritics(swapped(household.head.fullName));
    const [match, nameOnly] = await matcher.match([
      { name: written, communeCode: household.communeCode, birthYear: household.head.birthYear },
      { name: written, communeCode: household.communeCode },
    ]);
    expect(match).toMatchObject({ householdId: household.id, method: 'NAME_AND_COMMUNE', status: 'LINKED' });
    expect(match.confidence).toBeLessThan(1);
    // A name alone can be a namesake's (issue 12): an official confirms it, with the household first.
    expect(nameOnly.status).toBe('REVIEW');
    expect(nameOnly.candidates[0].householdId).toBe(household.id);
  });

  it('sends a name with a typo to review rather than linking it', async () => {
    const household = uniquelyNamed[4];
    const words = household.head.fullName.split(' ');
    const given = words.pop()!;
    const [match] = await matcher.match([{ name: [...words, `${given}x`].join(' '), communeCode: household.communeCode }]);
    expect(match.status).toBe('REVIEW');
    expect(match.householdId).toBeNull();
    expect(match.candidates[0]).toMatchObject({ householdId: household.id, method: 'NAME_AND_COMMUNE' });
  });

  it('sends two namesakes of one commune to review, with both as candidates', async () => {
    const namesakes = households.filter((household) => !uniquelyNamed.includes(household));
    const first = namesakes[0];
    const same = namesakes.filter((household) => household.communeCode === first.communeCode && foldedNameWords(household.head.fullName).join(' ') === foldedNameWords(first.head.fullName).join(' '));
    expect(same.length).toBeGreaterThan(1);
    const [match] = await matcher.match([{ name: first.head.fullName, communeCode: first.communeCode }]);
    expect(match.status).toBe('REVIEW');
    expect(match.candidates.map((candidate) => candidate.householdId).sort()).toEqual(expect.arrayContaining(same.map((household) => household.id)));
    // The item says why: a runner-up as likely as the best (the same name, nothing else to tell them apart).
    expect(reviewReasonOf(match.candidates)).toBe('CLOSE_RUNNER_UP');
    expect(runnerUpMargin(match.candidates)).toBeLessThan(AMBIGUITY_BITS);
  });

  it('sends conflicting evidence to review: the ID says one household, the phone another', async () => {
    const [a, b] = [households[10], households[40]];
    const [match] = await matcher.match([{ nationalIdHash: nationalIdHash(a.head.nationalId), phone: b.head.phone }]);
    expect(match.status).toBe('REVIEW');
    expect(match.candidates.map((candidate) => candidate.householdId)).toEqual([a.id, b.id]);
    expect(reviewReasonOf(match.candidates)).toBe('ID_AND_PHONE_DISAGREE');
  });

  it('does not link a person the registry does not have, and answers in the order asked', async () => {
    const household = uniquelyNamed[6];
    const evidence: IdentityEvidence[] = [
      { nationalIdHash: nationalIdHash('001099000001'), phone: '+84399999999', name: 'Không Có Ai', communeCode: household.communeCode },
      {},
      { nationalIdHash: nationalIdHash(household.head.nationalId) },
    ];
    const matches = await matcher.match(evidence);
    expect(matches.map((match) => match.status)).toEqual(['UNLINKED', 'UNLINKED', 'LINKED']);
    expect(matches[2].householdId).toBe(household.id);
  });

  it('keeps to the measured precision and recall on the seeded labelled set', async () => {
    // The set and its figures are described in bench/linking.ts (bench/results/linking-*.md): on the demo registry
    // the model links 100 % correctly and finds 94-96 % of registered households (99 % counting review lists; the
    // benchmark draws the set in the registry's id order, this test in the demo's). The floors sit a little below,
    // so that a change of the model that loses precision or recall fails here, while the figures themselves are
    // measured by the benchmark.
    const heads: RegisteredHead[] = households.map((household) => ({
      id: household.id, headName: household.head.fullName, phone: household.head.phone, nationalId: household.head.nationalId,
      communeCode: household.communeCode, provinceCode: household.provinceCode,
      birthYear: household.head.birthYear, members: household.head.members, streetAddress: household.head.streetAddress,
    }));
    const records = labelledLinkingSet(heads, 4460);
    const figures = scoreLinking(records, await matcher.match(records.map((record) => record.evidence)));
    expect(figures.records).toBeGreaterThan(300);
    expect(figures.linked.precision).toBeGreaterThanOrEqual(0.995);
    expect(figures.byMethod.NATIONAL_ID.precision).toBe(1);
    expect(figures.byMethod.PHONE.precision).toBe(1);
    expect(figures.linked.recall).toBeGreaterThanOrEqual(0.93);
    expect(figures.recallWithReview).toBeGreaterThanOrEqual(0.98);
    expect(figures.byKind.stranger?.linked).toBe(0);
    expect(figures.byKind.namesake?.linked ?? 0).toBe(0);
  });
});

describe('the matching route of the registry', () => {
  const peers = { baseUrl: registryBaseUrl };

  it('answers the other subgraphs over HTTP as the registry does in process', async () => {
    const evidence: IdentityEvidence[] = households.slice(0, 60).map((household, index) =>
      index % 3 === 0 ? { nationalIdHash: nationalIdHash(household.head.nationalId) }
      : index % 3 === 1 ? { phone: household.head.phone }
      : { name: household.head.fullName, communeCode: household.communeCode },
    );
    expect(await httpHouseholdMatcher(peers).match(evidence)).toEqual(await matcher.match(evidence));
  });

  it('costs the same few statements for a big batch as for a small one', async () => {
    const evidenceOf = (count: number) => households.slice(0, count).map((household) => ({ phone: household.head.phone, name: household.head.fullName, communeCode: household.communeCode }));
    const cost = async (count: number) => {
      const before = (await statementCounts()).registry;
      await httpHouseholdMatcher(peers).match(evidenceOf(count));
      return (await statementCounts()).registry - before;
    };
    const small = await cost(3);
    expect(small).toBeLessThanOrEqual(5);
    expect(await cost(households.length)).toBe(small);
  });

  it('refuses a caller without the internal token', async () => {
    const body = JSON.stringify({ evidence: [{ phone: households[0].head.phone }] });
    const anonymous = await fetch(`${registryBaseUrl()}${HOUSEHOLD_MATCH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${registryBaseUrl()}${HOUSEHOLD_MATCH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer guess' }, body });
    expect(wrong.status).toBe(401);
    await expect(httpHouseholdMatcher(peers, { token: 'guess' }).match([{ phone: households[0].head.phone }])).rejects.toThrow('answered 401');
  });

  it('names the registry\'s address when nothing answers there', async () => {
    const port = await freePort();
    const nowhere = httpHouseholdMatcher({ baseUrl: () => `http://127.0.0.1:${port}` });
    await expect(nowhere.match([{ phone: households[0].head.phone }])).rejects.toThrow(
      `the registry's household matching at http://127.0.0.1:${port}${HOUSEHOLD_MATCH_PATH} could not be reached (ECONNREFUSED)`,
    );
  });

  it('says what is wrong with a malformed request', async () => {
    const send = (body: string) =>
      fetch(`${registryBaseUrl()}${HOUSEHOLD_MATCH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${DEVELOPMENT_INTERNAL_TOKEN}` }, body });
    const notJson = await send('{');
    expect(notJson.status).toBe(400);
    const wrongField = await send(JSON.stringify({ evidence: [{}, { phone: 912345678 }] }));
    expect(wrongField.status).toBe(400);
    expect(await wrongField.json()).toEqual({ error: 'evidence[1].phone must be a string or null' });
  });

  it('is not part of the public graph', async () => {
    const result = await post<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } | null } }>(
      hub().gatewayUrl,
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
    );
    const fields = [...result.data!.__schema.queryType.fields, ...(result.data!.__schema.mutationType?.fields ?? [])].map((field) => field.name.toLowerCase());
    expect(fields.filter((name) => name.includes('match'))).toEqual([]);
  });
});
