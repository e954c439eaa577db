import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { repoRoot } from '../../platform/repo-root';
import { withSubgraphUrls } from '../supergraph-urls';

/**
 * The "plain Apollo" contender: @apollo/gateway and Apollo Server's standalone server with their defaults and
 * none of the hub's additions. The launcher sets APOLLO_TELEMETRY_DISABLED=1 (nothing else is changed) and
 * passes the subgraph URLs as <NAME>_URL, written into the supergraph it is given.
 */
async function main(): Promise<void> {
  const sdl = fs.readFileSync(path.join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8');
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    const match = /^([A-Z]+)_URL$/.exec(name);
    if (match && value) urls[match[1].toLowerCase()] = value;
  }
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: withSubgraphUrls(sdl, urls) }) });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 4000), host: process.env.HOST ?? '127.0.0.1' },
  });
  console.log(`plain Apollo Gateway at ${url}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
