import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Namespace, ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PLATFORM_SECRETS } from '../platform/server/secrets';
import { marketplaceSecrets } from '../subgraphs/marketplace/ingest/credentials';

const ROOT = path.resolve(__dirname, '..');
const BASE = path.join(ROOT, 'deploy', 'k8s', 'base');
const SERVICES = ['gateway', 'registry', 'statistics', 'marketplace', 'traceability'];

/** Each kind used by the manifests, checked against the Kubernetes OpenAPI schemas kubernetes-models carries. */
const MODELS: Record<string, new (value: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

function readYaml(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true }).map((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
    return document.toJS();
  });
}

/** What a service refuses to start without in production (gateway/main.ts, platform/server/subgraph-server.ts). */
const requiredSecrets = (service: string) =>
  [...PLATFORM_SECRETS, ...(service === 'marketplace' ? marketplaceSecrets() : [])]
    .filter((setting) => !setting.optional && (service !== 'gateway' || setting.variable === 'NONGSAN_IDENTITY_SECRET'))
    .map((setting) => setting.variable);

const kustomization = readYaml(path.join(BASE, 'kustomization.yaml'))[0] as { resources: string[] };
const objects = kustomization.resources.flatMap((file) => readYaml(path.join(BASE, file)).map((object) => ({ file, object })));
const byKind = (kind: string) => objects.filter(({ object }) => object.kind === kind).map(({ object }) => object);

describe('the Kubernetes manifests (deploy/k8s)', () => {
  it('list every manifest file of the base in its kustomization, and only existing ones', () => {
    const files = fs.readdirSync(BASE).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('are valid Kubernetes objects, every one of them', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const { file, object } of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!Model) throw new Error(`${file}: no schema for ${object.apiVersion} ${object.kind}`);
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  it('the validation does reject a wrong object (a probe without a port)', () => {
    const deployment = structuredClone(byKind('Deployment')[0]);
    deployment.spec.template.spec.containers[0].readinessProbe.httpGet = { path: '/ready' };
    expect(() => new Deployment(deployment).validate()).toThrow();
  });

  it('run each service from the one image with probes, resources, an autoscaler and its secrets', () => {
    const deployments = byKind('Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([...SERVICES].sort());
    const secretKeys = Object.keys(byKind('Secret')[0].stringData);
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const [container] = deployment.spec.template.spec.containers;
      expect(container.image).toBe('nongsan-graph:latest');
      expect(container.args).toEqual([name]);
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe.httpGet.path).toMatch(/^\/ready/);
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      const port = container.ports[0].containerPort;
      expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
      const service = byKind('Service').find((candidate) => candidate.metadata.name === name);
      expect(service.spec.ports[0].port).toBe(port);
      expect(byKind('HorizontalPodAutoscaler').find((hpa) => hpa.spec.scaleTargetRef.name === name)).toBeDefined();
      const secretRefs = container.env.filter((variable: any) => variable.valueFrom?.secretKeyRef).map((variable: any) => variable.valueFrom.secretKeyRef.key);
      for (const key of secretRefs) expect(secretKeys).toContain(key);
      if (name !== 'gateway') expect(secretRefs).toContain(`${name.toUpperCase()}_DATABASE_URL`);
      // The image runs with NODE_ENV=production, where a service refuses to start without its secrets.
      expect(secretRefs).toEqual(expect.arrayContaining(requiredSecrets(name)));
    }
    // Subgraphs are found by their Service names, on their ports.
    const config = byKind('ConfigMap')[0].data;
    for (const name of SERVICES.filter((service) => service !== 'gateway')) {
      const port = byKind('Service').find((service) => service.metadata.name === name).spec.ports[0].port;
      expect(config[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
    }
  });
});

describe('the compose file (deploy/compose)', () => {
  const compose = readYaml(path.join(ROOT, 'deploy', 'compose', 'compose.yaml'))[0];

  it('runs the same services, ports and addresses as the manifests, each subgraph on its own database', () => {
    const config = byKind('ConfigMap')[0].data;
    for (const name of SERVICES) {
      const service = compose.services[name];
      const deployment = byKind('Deployment').find((candidate) => candidate.metadata.name === name);
      expect(service.command).toEqual([name]);
      for (const variable of requiredSecrets(name)) expect(service.environment[variable]).toMatch(new RegExp(`^\\$\\{${variable}:\\?`));
      expect(service.environment.PORT).toBe(String(deployment.spec.template.spec.containers[0].ports[0].containerPort));
      if (name !== 'gateway') {
        expect(service.environment[`${name.toUpperCase()}_DATABASE_URL`]).toMatch(new RegExp(`@postgres:5432/${name}$`));
        expect(service.environment[`${name.toUpperCase()}_URL`]).toBe(config[`${name.toUpperCase()}_URL`]);
      }
    }
    const created = fs.readFileSync(path.join(ROOT, 'deploy', 'compose', 'create-databases.sql'), 'utf8');
    for (const name of SERVICES.slice(1)) expect(created).toContain(`CREATE DATABASE ${name};`);
  });
});
