import { hub, post } from './support/hub';

/** Personal data is stored but the schema has no field for it until access control exists. */
describe('personal data', () => {
  it('is not reachable through the public graph', async () => {
    const result = await post<{ __type: { fields: { name: string }[] } }>(
      hub().gatewayUrl,
      '{ __type(name: "Household") { fields { name } } }',
    );
    const fields = result.data!.__type.fields.map((field) => field.name);
    expect(fields).toEqual(expect.arrayContaining(['id', 'displayName', 'commune', 'shops', 'certifications', 'census']));
    for (const personal of ['headName', 'phone', 'nationalId', 'streetAddress', 'name']) expect(fields).not.toContain(personal);

    const growingArea = await post<{ __type: { fields: { name: string }[] } }>(hub().gatewayUrl, '{ __type(name: "GrowingArea") { fields { name } } }');
    const areaFields = growingArea.data!.__type.fields.map((field) => field.name);
    expect(areaFields).toContain('code');
    expect(areaFields).not.toContain('latitude');
    expect(areaFields).not.toContain('longitude');
  });

  it('rejects a query for a personal field with a validation error', async () => {
    const result = await post(hub().gatewayUrl, '{ household(id: "HH-07582-00001") { phone } }');
    expect(result.errors?.[0].message).toMatch(/Cannot query field "phone" on type "Household"/);
  });
});
