export * from './problems';
export * from './provenance';
export * from './upsert';
export * from './tabular';
export * from './columns';
export * from './importer';
export * from './values';
export * from './mapped-rows';
