/**
 * The container image's entry point: `node dist/scripts/service.js <gateway|registry|statistics|marketplace|traceability>`.
 * One image, the service chosen by argument; each reads HOST, PORT and its database or subgraph URLs from the environment.
 * Several subgraph names run those subgraphs in one process, each on its `<NAME>_PORT`.
 */
const services = process.argv.slice(2);
const SUBGRAPHS = ['registry', 'statistics', 'marketplace', 'traceability'];

if (services.length === 1 && services[0] === 'gateway') {
  process.argv.splice(2, 1);
  require('../gateway/main').run();
} else if (services.length > 0 && services.every((service) => SUBGRAPHS.includes(service))) {
  require('./subgraph');
} else {
  console.error(`Usage: service <gateway|${SUBGRAPHS.join('|')}> [more subgraphs, run in one process] (got "${services.join(' ')}")`);
  process.exit(2);
}
