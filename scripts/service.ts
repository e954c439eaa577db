/**
 * The container image's entry point: `node dist/scripts/service.js <gateway|registry|statistics|marketplace|traceability>`.
 * One image, the service chosen by argument; each reads HOST, PORT and its database or subgraph URLs from the environment.
 */
const service = process.argv[2];
const SUBGRAPHS = ['registry', 'statistics', 'marketplace', 'traceability'];

if (service === 'gateway') {
  process.argv.splice(2, 1);
  require('../gateway/main').run();
} else if (service && SUBGRAPHS.includes(service)) {
  require('./subgraph');
} else {
  console.error(`Usage: service <gateway|${SUBGRAPHS.join('|')}> (got "${service ?? ''}")`);
  process.exit(2);
}
